import { BadRequestException, ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  CommandRunDetail,
  CreateTask,
  Task,
  TaskPreviewResponse,
  UpdateTask,
} from '@hivewatch/protocol';
import { randomUUID } from 'node:crypto';
import { In, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import { CommandRun } from '../commands/command-run.entity.js';
import { CommandRunsService } from '../commands/command-runs.service.js';
import { User } from '../users/user.entity.js';
import {
  blockedByOverlap,
  CronScheduleError,
  nextAfter,
  nextTimes,
  validateSchedule,
} from './cron-schedule.js';
import { ScheduledTask } from './scheduled-task.entity.js';
import { auditDetail, runInput, taskView } from './task-views.js';

/** Why a task's creator can no longer lend it their rights, or null when they still can. */
export function creatorProblem(creator: User | null): string | null {
  if (!creator) return 'its creator was deleted';
  if (creator.disabled) return `its creator ${creator.username} was disabled`;
  if (creator.role !== 'admin') return `its creator ${creator.username} is no longer an admin`;
  return null;
}

/** Scheduled tasks (docs/tasks.md): CRUD, run now, preview; every change audited in full. */
@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    @InjectRepository(ScheduledTask) private readonly tasks: Repository<ScheduledTask>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(CommandRun) private readonly runs: Repository<CommandRun>,
    private readonly commandRuns: CommandRunsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Task[]> {
    return this.views(await this.tasks.find({ order: { name: 'ASC', createdAt: 'ASC' } }));
  }

  async get(id: string): Promise<Task> {
    return (await this.views([await this.require(id)]))[0]!;
  }

  preview(cron: string, timeZone: string, count: number): TaskPreviewResponse {
    const now = new Date(this.clock.now());
    const next = schedule(() => {
      validateSchedule(cron, timeZone, now);
      return nextTimes(cron, timeZone, now, count);
    });
    return { next: next.map((d) => d.toISOString()) };
  }

  /** The task runs with the creator's rights: it stops when they are disabled, demoted or deleted. */
  async create(actor: Principal, input: CreateTask, ip: string | null): Promise<Task> {
    const now = new Date(this.clock.now());
    const nextRunAt = input.enabled ? this.firstRun(input.cron, input.timeZone, now) : null;
    if (!input.enabled) schedule(() => validateSchedule(input.cron, input.timeZone, now));
    const task = await this.tasks.save(
      this.tasks.create({
        ...input,
        id: randomUUID(),
        disabledReason: null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        nextRunAt,
        lastRunAt: null,
        lastRunId: null,
        leaseOwner: null,
        leaseUntil: null,
      }),
    );
    await this.audit.record({
      actor,
      action: 'task.create',
      target: { type: 'task', id: task.id },
      ip,
      detail: { ...auditDetail(task), runsAsUserId: actor.userId, runsAs: actor.username },
    });
    return this.get(task.id);
  }

  async update(actor: Principal, id: string, patch: UpdateTask, ip: string | null): Promise<Task> {
    const task = await this.require(id);
    const now = new Date(this.clock.now());
    const merged = { ...task, ...patch };
    const enabling = patch.enabled === true && !task.enabled;
    if (enabling) {
      const problem = creatorProblem(await this.creator(task));
      if (problem) throw new ConflictException(`cannot enable the task: ${problem}; create a new task`);
    }
    const scheduleChanged = patch.cron !== undefined || patch.timeZone !== undefined || enabling;
    let nextRunAt = task.nextRunAt;
    if (!merged.enabled) nextRunAt = null;
    else if (scheduleChanged || nextRunAt === null)
      nextRunAt = this.firstRun(merged.cron, merged.timeZone, now);
    if (!merged.enabled) schedule(() => validateSchedule(merged.cron, merged.timeZone, now));
    await this.tasks.update(
      { id },
      {
        ...patch,
        nextRunAt,
        updatedAt: now,
        ...(enabling && { disabledReason: null }),
      },
    );
    const saved = await this.require(id);
    await this.audit.record({
      actor,
      action: 'task.update',
      target: { type: 'task', id },
      ip,
      detail: { ...auditDetail(saved), changed: Object.keys(patch) },
    });
    return this.get(id);
  }

  async remove(actor: Principal, id: string, ip: string | null): Promise<void> {
    const task = await this.require(id);
    await this.tasks.delete({ id });
    await this.audit.record({
      actor,
      action: 'task.delete',
      target: { type: 'task', id },
      ip,
      detail: auditDetail(task),
    });
  }

  /** Fires once now, outside the schedule, as the caller; the overlap policy still applies. */
  async runNow(actor: Principal, id: string, ip: string | null): Promise<CommandRunDetail> {
    const task = await this.require(id);
    const previous = task.lastRunId ? await this.runs.findOneBy({ id: task.lastRunId }) : null;
    if (blockedByOverlap(task.overlapPolicy, previous?.state))
      throw new ConflictException('the previous run of this task is still running (overlap policy: skip)');
    const run = await this.commandRuns.create(actor, runInput(task), ip, { taskId: id });
    await this.tasks.update({ id }, { lastRunAt: new Date(this.clock.now()), lastRunId: run.id });
    await this.audit.record({
      actor,
      action: 'task.run',
      target: { type: 'task', id },
      ip,
      detail: { ...auditDetail(task), runId: run.id },
    });
    return run;
  }

  /** Stops every enabled task that runs with this user's rights (user disabled, demoted or deleted). */
  async disableForUser(userId: string, reason: string): Promise<number> {
    const owned = await this.tasks.findBy({ createdBy: userId, enabled: true });
    for (const task of owned) await this.disable(task, reason);
    return owned.length;
  }

  /** Disables a task on the hub's own initiative, with the reason shown to admins; audited. */
  async disable(task: ScheduledTask, reason: string): Promise<void> {
    await this.tasks.update(
      { id: task.id },
      { enabled: false, nextRunAt: null, disabledReason: reason, leaseOwner: null, leaseUntil: null },
    );
    this.logger.warn({ taskId: task.id, reason }, 'task disabled');
    await this.audit.record({
      actor: { via: 'system', name: 'task-scheduler' },
      action: 'task.disabled',
      target: { type: 'task', id: task.id },
      detail: { ...auditDetail(task), enabled: false, reason },
    });
  }

  creator(task: ScheduledTask): Promise<User | null> {
    return task.createdBy ? this.users.findOneBy({ id: task.createdBy }) : Promise.resolve(null);
  }

  private firstRun(cron: string, timeZone: string, now: Date): Date {
    return schedule(() => {
      validateSchedule(cron, timeZone, now);
      return nextAfter(cron, timeZone, now)!;
    });
  }

  private async require(id: string): Promise<ScheduledTask> {
    const task = await this.tasks.findOneBy({ id });
    if (!task) throw new EntityNotFoundError('task', id);
    return task;
  }

  private async views(tasks: ScheduledTask[]): Promise<Task[]> {
    const userIds = [...new Set(tasks.flatMap((t) => (t.createdBy ? [t.createdBy] : [])))];
    const runIds = tasks.flatMap((t) => (t.lastRunId ? [t.lastRunId] : []));
    const users = userIds.length
      ? await this.users.find({ select: { id: true, username: true }, where: { id: In(userIds) } })
      : [];
    const runs = runIds.length
      ? await this.runs.find({ select: { id: true, state: true }, where: { id: In(runIds) } })
      : [];
    const names = new Map(users.map((u) => [u.id, u.username]));
    const states = new Map(runs.map((r) => [r.id, r.state]));
    return tasks.map((t) =>
      taskView(
        t,
        t.createdBy ? (names.get(t.createdBy) ?? null) : null,
        t.lastRunId ? (states.get(t.lastRunId) ?? null) : null,
      ),
    );
  }
}

/** Runs a schedule computation; the parser's reason becomes a 400. */
function schedule<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof CronScheduleError) throw new BadRequestException(err.message);
    throw err;
  }
}
