import type { TaskMissedPolicy, TaskOverlapPolicy } from '@hivewatch/protocol';
import { Column, Entity, Index } from 'typeorm';
import { CommandSpecColumns } from '../commands/command-spec.columns.js';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

/**
 * A scheduled task (docs/tasks.md): a command, its targets and a cron expression in a time zone.
 * Each firing is a CommandRun with `taskId` set. Exactly one hub fires a task: the one that holds
 * its lease (`leaseOwner` until `leaseUntil`), taken with a conditional UPDATE.
 */
@Entity('scheduled_tasks')
@Index(['enabled', 'nextRunAt'])
export class ScheduledTask extends CommandSpecColumns {
  @Column('varchar', { length: 100 })
  name!: string;

  /** Five fields (minute hour day-of-month month day-of-week), or six with seconds first. */
  @Column('varchar', { length: 120 })
  cron!: string;

  /** IANA zone the expression is read in, e.g. Europe/Berlin. */
  @Column('varchar', { length: 64 })
  timeZone!: string;

  @Column('varchar', { length: 16 })
  overlapPolicy!: TaskOverlapPolicy;

  @Column('varchar', { length: 16 })
  missedPolicy!: TaskMissedPolicy;

  @Column('boolean', { default: true })
  enabled!: boolean;

  /** Why the hub stopped it on its own (its creator was disabled or deleted); null otherwise. */
  @Column('text', { nullable: true })
  disabledReason!: string | null;

  /** The task runs with this user's rights; it stops when that user is disabled. */
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  createdBy!: string | null;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;

  /** The next firing time (UTC), computed from cron + zone; null when disabled. */
  @TimestampColumn({ nullable: true })
  nextRunAt!: Date | null;

  @TimestampColumn({ nullable: true })
  lastRunAt!: Date | null;

  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  lastRunId!: string | null;

  /** The hub process holding the scheduling lease, and until when. */
  @Column('varchar', { length: 64, nullable: true })
  leaseOwner!: string | null;

  @TimestampColumn({ nullable: true })
  leaseUntil!: Date | null;
}
