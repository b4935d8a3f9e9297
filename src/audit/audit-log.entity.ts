import { ACTOR_TYPES, type ActorType } from '@hivewatch/protocol';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns.js';

export { ACTOR_TYPES, type ActorType };

@Entity('audit_logs')
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index()
  @TimestampColumn()
  createdAt!: Date;

  @Column('varchar', { length: 16 })
  actorType!: ActorType;

  @Index()
  @Column('varchar', { length: 64, nullable: true })
  actorId!: string | null;

  @Column('varchar', { length: 128, nullable: true })
  actorName!: string | null;

  /** Dotted verb, e.g. `auth.login`, `server.token.rotate`. */
  @Index()
  @Column('varchar', { length: 64 })
  action!: string;

  @Column('varchar', { length: 32, nullable: true })
  targetType!: string | null;

  @Index()
  @Column('varchar', { length: 64, nullable: true })
  targetId!: string | null;

  @Column('varchar', { length: 8 })
  outcome!: 'success' | 'failure';

  @Column('varchar', { length: 64, nullable: true })
  ip!: string | null;

  @Column('simple-json', { nullable: true })
  detail!: Record<string, unknown> | null;
}
