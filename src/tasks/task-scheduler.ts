import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { HubEvents } from '../common/events/hub-events.js';
import { CommandRun } from '../commands/command-run.entity.js';
import { CommandRunsService } from '../commands/command-runs.service.js';
import { blockedByOverlap, decideDue, type DueDecision } from './cron-schedule.js';
import { ScheduledTask } from './scheduled-task.entity.js';
import { TaskLease } from './task-lease.js';
import { runInput } from './task-views.js';
import { creatorProblem, TasksService } from './tasks.service.js';

/** The scheduler looks for due tasks once a second, on the second boundary. */
export const TASK_TICK_MS = 1_000;
/** A time found later than this (hub down, or stalled) counts as missed: its missed policy decides. */
export const TASK_MISSED_GRACE_MS = 5_000;
/** Due tasks handled per tick at most (the rest on the next tick). */
const TASKS_PER_TICK = 50;

const REASONS = {
  disabled: 'its creator was disabled',
  demoted: 'its creator is no longer an admin',
  deleted: 'its creator was deleted',
} as const;

/**
 * Fires scheduled tasks (docs/tasks.md). Every hub process runs one; the lease ({@link TaskLease})
 * makes exactly one of them fire each time. A firing is a command run with the task's id, created
 * with the rights of the task's creator, checked before every firing.
 */
@Injectable()
export class TaskScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TaskScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private offUserEvent: (() => void) | null = null;

  constructor(
    @InjectRepository(ScheduledTask) private readonly tasks: Repository<ScheduledTask>,
    @InjectRepository(CommandRun) private readonly runs: Repository<CommandRun>,
    private readonly lease: TaskLease,
    private readonly service: TasksService,
    private readonly commandRuns: CommandRunsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: HubEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.offUserEvent = this.events.on('user.rights-lost', ({ userId, reason }) => {
      this.service.disableForUser(userId, REASONS[reason]).catch((err: unknown) => {
        this.logger.error({ err, userId }, 'could not disable the tasks of a user');
      });
    });
    this.schedule();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.offUserEvent?.();
  }

  /** One pass: every due task once. Public for tests that drive the hub's clock. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    const due = await this.tasks.find({
      where: { enabled: true, nextRunAt: LessThanOrEqual(new Date(now)) },
      order: { nextRunAt: 'ASC' },
      take: TASKS_PER_TICK,
    });
    for (const task of due) {
      if (this.stopped) return;
      try {
        await this.handle(task, now);
      } catch (err) {
        this.logger.error({ err, taskId: task.id }, 'task firing failed');
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const wait = TASK_TICK_MS - (Date.now() % TASK_TICK_MS) + 5;
    this.timer = setTimeout(() => {
      this.tick()
        .catch((err: unknown) => this.logger.error({ err }, 'task scheduler tick failed'))
        .finally(() => this.schedule());
    }, wait);
    this.timer.unref();
  }

  private async handle(task: ScheduledTask, now: number): Promise<void> {
    let decision: DueDecision;
    try {
      decision = decideDue(task as ScheduledTask & { nextRunAt: Date }, new Date(now), TASK_MISSED_GRACE_MS);
    } catch (err) {
      // the stored expression no longer parses (e.g. a parser upgrade): stop rather than fail forever
      await this.service.disable(task, `its schedule no longer parses: ${(err as Error).message}`);
      return;
    }
    if (decision.kind === 'wait' || !(await this.lease.take(task, now))) return;
    const scheduledFor = decision.scheduledAt.toISOString();
    const creator = await this.service.creator(task);
    const problem = creatorProblem(creator);
    if (problem || !creator) return this.service.disable(task, problem ?? 'its creator was deleted');
    if (decision.kind === 'skip-missed') {
      await this.skipped(task, { reason: 'missed', scheduledFor, missed: decision.missed });
      return this.lease.advance(task, decision.next);
    }
    const previous = task.lastRunId ? await this.runs.findOneBy({ id: task.lastRunId }) : null;
    if (blockedByOverlap(task.overlapPolicy, previous?.state)) {
      await this.skipped(task, { reason: 'overlap', scheduledFor, previousRunId: previous?.id });
      return this.lease.advance(task, decision.next);
    }
    const actor: Principal = {
      via: 'session',
      userId: creator.id,
      username: creator.username,
      role: creator.role,
      scope: 'admin',
    };
    try {
      const run = await this.commandRuns.create(actor, runInput(task), null, { taskId: task.id });
      await this.lease.advance(task, decision.next, { lastRunAt: decision.scheduledAt, lastRunId: run.id });
      await this.record(task, 'success', {
        scheduledFor,
        runId: run.id,
        late: decision.late,
        by: this.lease.owner,
      });
    } catch (err) {
      await this.lease.advance(task, decision.next);
      await this.record(task, 'failure', {
        scheduledFor,
        error: (err as Error).message,
        by: this.lease.owner,
      });
    }
  }

  private async skipped(task: ScheduledTask, detail: Record<string, unknown>): Promise<void> {
    this.logger.log({ taskId: task.id, ...detail }, 'task firing skipped');
    await this.audit.record({
      actor: { via: 'system', name: 'task-scheduler' },
      action: 'task.skipped',
      target: { type: 'task', id: task.id },
      detail: { name: task.name, ...detail, by: this.lease.owner },
    });
  }

  private record(task: ScheduledTask, outcome: 'success' | 'failure', detail: Record<string, unknown>) {
    return this.audit.record({
      actor: { via: 'system', name: 'task-scheduler' },
      action: 'task.fire',
      target: { type: 'task', id: task.id },
      outcome,
      detail: { name: task.name, command: task.command, targets: task.targets, ...detail },
    });
  }
}
