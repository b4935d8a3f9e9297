import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Repository } from 'typeorm';
import { ScheduledTask } from './scheduled-task.entity.js';

/** How long a hub holds a task while it fires it; a hub that dies mid-firing frees it after this. */
export const TASK_LEASE_MS = 30_000;

/**
 * The database lease that makes exactly one hub fire a given time of a task, with several hubs on
 * one database (SQLite file or PostgreSQL): a conditional UPDATE, atomic on both, whose affected
 * row count says who won. Timestamps are epoch-ms BIGINTs, compared as numbers.
 */
@Injectable()
export class TaskLease {
  /** This hub process, as written to `leaseOwner`. */
  readonly owner = `${os.hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(@InjectRepository(ScheduledTask) private readonly tasks: Repository<ScheduledTask>) {}

  /**
   * Takes the task for the time read (`nextRunAt`): true when this hub now holds it. Fails when
   * another hub holds an unexpired lease, or the time moved on (fired elsewhere, or edited).
   */
  async take(task: ScheduledTask, now: number): Promise<boolean> {
    const result = await this.tasks
      .createQueryBuilder()
      .update(ScheduledTask)
      .set({ leaseOwner: this.owner, leaseUntil: new Date(now + TASK_LEASE_MS) })
      .where('id = :id', { id: task.id })
      .andWhere('("leaseUntil" IS NULL OR "leaseUntil" < :now OR "leaseOwner" = :me)', {
        now,
        me: this.owner,
      })
      .andWhere('"nextRunAt" = :read', { read: task.nextRunAt!.getTime() })
      .execute();
    return result.affected === 1;
  }

  /**
   * After the firing: nextRunAt moves to `next` (unless an edit changed it meanwhile) with the
   * other `changes`, and the lease is released.
   */
  async advance(task: ScheduledTask, next: Date | null, changes: Partial<ScheduledTask> = {}): Promise<void> {
    const release = { leaseOwner: null, leaseUntil: null, ...changes };
    const moved = await this.tasks
      .createQueryBuilder()
      .update(ScheduledTask)
      .set({ ...release, nextRunAt: next })
      .where('id = :id AND "leaseOwner" = :me AND "nextRunAt" = :read', {
        id: task.id,
        me: this.owner,
        read: task.nextRunAt!.getTime(),
      })
      .execute();
    if (moved.affected === 1) return;
    await this.tasks
      .createQueryBuilder()
      .update(ScheduledTask)
      .set(release)
      .where('id = :id AND "leaseOwner" = :me', { id: task.id, me: this.owner })
      .execute();
  }
}
