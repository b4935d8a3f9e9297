import type { CommandRunState, CommandTargets } from '@hivewatch/protocol';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

/** One command sent to many servers (`/api/v1/commands`); its per-server records are CommandTarget rows. */
@Entity('command_runs')
@Index(['createdAt'])
export class CommandRun {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  /** The full command text, as audited. */
  @Column('text')
  command!: string;

  /** The selection as asked (ids, groups, tags); the resolved servers are the target rows. */
  @Column('simple-json')
  targets!: CommandTargets;

  @Column('integer')
  timeoutMs!: number;

  @Column('integer')
  outputCapBytes!: number;

  @Column('integer')
  maxParallel!: number;

  @Column('boolean', { default: false })
  stopOnFirstFailure!: boolean;

  @Column('integer')
  offlineTtlSeconds!: number;

  @Column('varchar', { length: 16 })
  state!: CommandRunState;

  /** The user who created the run (null once that user is deleted). */
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  createdBy!: string | null;

  /** The scheduled task this run is a firing of (null for a run started by hand). */
  @Index()
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  taskId!: string | null;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn({ nullable: true })
  endedAt!: Date | null;
}
