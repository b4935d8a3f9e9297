import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

export type AlertStateName = 'pending' | 'firing' | 'resolved';

/**
 * One alert episode of a (rule, server) pair, or of a (rule, server, container) for container
 * conditions: pending → firing → resolved. A pending episode whose
 * condition stops holding before it fires is deleted; firing and resolved rows are the history.
 */
@Entity('alert_states')
@Index(['ruleId', 'serverId'])
@Index(['state'])
@Index(['startedAt'])
export class AlertState {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: UUID_LENGTH })
  ruleId!: string;

  /** Kept with the row: history stays readable after the rule is renamed or deleted. */
  @Column('varchar', { length: 100 })
  ruleName!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Column('varchar', { length: 100 })
  serverName!: string;

  /** The container of a container condition's alert (one episode per container); null: the server's. */
  @Column('varchar', { length: 128, nullable: true })
  container!: string | null;

  @Column('varchar', { length: 16 })
  state!: AlertStateName;

  @Column('varchar', { length: 16 })
  severity!: 'info' | 'warning' | 'critical';

  /** When the conditions started to hold (pending). */
  @TimestampColumn()
  startedAt!: Date;

  @TimestampColumn({ nullable: true })
  firedAt!: Date | null;

  @TimestampColumn({ nullable: true })
  resolvedAt!: Date | null;

  /** Last firing notification queued (null: none yet, e.g. held back by a silence window). */
  @TimestampColumn({ nullable: true })
  lastNotifiedAt!: Date | null;

  @Column('integer', { default: 0 })
  notificationCount!: number;

  @Column('double precision', { nullable: true })
  value!: number | null;

  @Column('varchar', { length: 500, default: '' })
  message!: string;

  /** Acknowledged by `acknowledgedBy` (a username): no repeat notification until it resolves. */
  @TimestampColumn({ nullable: true })
  acknowledgedAt!: Date | null;

  @Column('varchar', { length: 100, nullable: true })
  acknowledgedBy!: string | null;

  @Column('varchar', { length: 500, nullable: true })
  ackComment!: string | null;

  /** No notification before this time (snoozed); cleared with the acknowledgement when it resolves. */
  @TimestampColumn({ nullable: true })
  snoozedUntil!: Date | null;

  /** Why it resolved: conditions cleared, rule disabled/deleted, server removed or out of scope. */
  @Column('varchar', { length: 100, nullable: true })
  resolution!: string | null;
}
