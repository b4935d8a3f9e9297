import type { CommandRunState } from '@hivewatch/protocol';
import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import { CommandSpecColumns } from './command-spec.columns.js';

/** One command sent to many servers (`/api/v1/commands`); its per-server records are CommandTarget rows. */
@Entity('command_runs')
@Index(['createdAt'])
export class CommandRun extends CommandSpecColumns {
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
