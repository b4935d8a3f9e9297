import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

@Entity('server_groups')
export class ServerGroup {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: 100, unique: true })
  name!: string;

  @Column('varchar', { length: 500, default: '' })
  description!: string;

  @Column('integer', { default: 0 })
  displayOrder!: number;

  @TimestampColumn()
  createdAt!: Date;
}
