import type { CommandTargets } from '@hivewatch/protocol';
import { Column, PrimaryColumn } from 'typeorm';
import { UUID_LENGTH } from '../database/columns.js';

/**
 * What to run where and how: the columns a command run and a scheduled task (which fires runs)
 * share, declared once. Each entity extends this and keeps its table.
 */
export abstract class CommandSpecColumns {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  /** The full command text, as audited. */
  @Column('text')
  command!: string;

  /** The selection as asked (ids, groups, tags); a run's resolved servers are its target rows. */
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
}
