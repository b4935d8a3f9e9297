import type { CommandTargetState, ExecStreamResult } from '@hivewatch/protocol';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { safeInteger, TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import { CommandRun } from './command-run.entity.js';

/** One server of a command run: its state, and its result once it has one. */
@Entity('command_targets')
@Index(['serverId', 'state'])
export class CommandTarget {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  runId!: string;

  @ManyToOne(() => CommandRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'runId' })
  run?: Relation<CommandRun>;

  /** No foreign key: the record outlives the server (history keeps its name). */
  @Column('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Column('varchar', { length: 100 })
  serverName!: string;

  @Column('varchar', { length: 16 })
  state!: CommandTargetState;

  /**
   * The agent request id, allocated once: a target re-sent after its agent returns keeps it, so the
   * agent's response cache answers a duplicate instead of running the command twice.
   */
  @Column('bigint', { nullable: true, transformer: safeInteger })
  requestId!: number | null;

  @Column('integer', { nullable: true })
  exitCode!: number | null;

  @Column('varchar', { length: 32, nullable: true })
  signal!: string | null;

  @Column('simple-json', { nullable: true })
  stdout!: ExecStreamResult | null;

  @Column('simple-json', { nullable: true })
  stderr!: ExecStreamResult | null;

  @Column('varchar', { length: 500, nullable: true })
  error!: string | null;

  @TimestampColumn()
  queuedAt!: Date;

  /** Until when an offline target waits for its agent (queued only). */
  @TimestampColumn({ nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn({ nullable: true })
  sentAt!: Date | null;

  @TimestampColumn({ nullable: true })
  startedAt!: Date | null;

  @TimestampColumn({ nullable: true })
  endedAt!: Date | null;
}
