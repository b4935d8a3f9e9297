import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UUID_LENGTH } from '../database/columns.js';
import { Server } from './server.entity.js';

@Entity('server_tags')
export class ServerTag {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Index()
  @PrimaryColumn('varchar', { length: 64 })
  tag!: string;

  @ManyToOne(() => Server, (s) => s.tags, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serverId' })
  // Relation<> keeps the decorator metadata from reading `Server` while the two modules' import
  // cycle is still initializing (a ReferenceError under ESM when server.entity loads first).
  server?: Relation<Server>;
}
