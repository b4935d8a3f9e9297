import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CommandRun as CommandRunView,
  type CommandRunDetail,
  type CommandRunQuery,
  type CreateCommandRun,
} from '@hivewatch/protocol';
import { randomUUID } from 'node:crypto';
import { In, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { CommandDispatcher } from './command-dispatcher.js';
import { CommandRun } from './command-run.entity.js';
import { CommandTarget } from './command-target.entity.js';
import { CommandRunReader } from './command-run-reader.js';
import { runView } from './command-views.js';
import { TargetResolver } from './target-resolver.js';

/** Command runs: create (audited with the full command text and targets), read, cancel. */
@Injectable()
export class CommandRunsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CommandRunsService.name);

  constructor(
    @InjectRepository(CommandRun) private readonly runs: Repository<CommandRun>,
    @InjectRepository(CommandTarget) private readonly targets: Repository<CommandTarget>,
    private readonly resolver: TargetResolver,
    private readonly dispatcher: CommandDispatcher,
    private readonly reader: CommandRunReader,
    private readonly audit: AuditService,
  ) {}

  /**
   * Runs left unfinished by a previous hub process resume: queued targets wait for their agents as
   * before, sent ones are re-sent with the same request id when their agent is back (the agent runs
   * it once) or end `timed_out` once their deadline passed.
   */
  async onApplicationBootstrap(): Promise<void> {
    const open = await this.runs.find({ where: { state: 'running' } });
    for (const run of open) {
      const targets = await this.targets.find({ where: { runId: run.id } });
      this.launch(run, targets);
    }
  }

  /** `taskId`: the run is a firing of that scheduled task (src/tasks), recorded on the run and in its audit. */
  async create(
    actor: Principal,
    input: CreateCommandRun,
    ip: string | null,
    options: { taskId?: string } = {},
  ): Promise<CommandRunDetail> {
    const { found, unknownIds } = await this.resolver.resolve(input.targets);
    if (unknownIds.length) throw new BadRequestException(`unknown server id(s): ${unknownIds.join(', ')}`);
    if (found.length === 0) throw new BadRequestException('no server matches the targets');
    const now = new Date();
    const run = await this.runs.save(
      this.runs.create({
        id: randomUUID(),
        command: input.command,
        targets: input.targets,
        timeoutMs: input.timeoutMs,
        outputCapBytes: input.outputCapBytes,
        maxParallel: input.maxParallel,
        stopOnFirstFailure: input.stopOnFirstFailure,
        offlineTtlSeconds: input.offlineTtlSeconds,
        state: 'running',
        createdBy: actor.userId,
        taskId: options.taskId ?? null,
        createdAt: now,
        endedAt: null,
      }),
    );
    const rows = await this.targets.save(
      found.map((server) =>
        this.targets.create({
          id: randomUUID(),
          runId: run.id,
          serverId: server.id,
          serverName: server.name,
          state: 'queued',
          requestId: null,
          exitCode: null,
          signal: null,
          stdout: null,
          stderr: null,
          error: null,
          queuedAt: now,
          expiresAt: new Date(now.getTime() + input.offlineTtlSeconds * 1000),
          sentAt: null,
          startedAt: null,
          endedAt: null,
        }),
      ),
    );
    await this.audit.record({
      actor,
      action: 'command.run',
      target: { type: 'command-run', id: run.id },
      ip,
      detail: {
        command: input.command,
        targets: input.targets,
        serverIds: found.map((s) => s.id),
        ...(options.taskId && { taskId: options.taskId }),
      },
    });
    this.launch(run, rows);
    return this.get(run.id);
  }

  async list(query: CommandRunQuery): Promise<CommandRunView[]> {
    let ids: string[] | undefined;
    if (query.serverId !== undefined) {
      const rows = await this.targets.find({ select: { runId: true }, where: { serverId: query.serverId } });
      ids = [...new Set(rows.map((r) => r.runId))];
    }
    const runs = await this.runs.find({
      where: {
        ...(query.state ? { state: query.state } : {}),
        ...(query.taskId ? { taskId: query.taskId } : {}),
        ...(ids ? { id: In(ids) } : {}),
      },
      order: { createdAt: 'DESC' },
      take: query.limit,
    });
    const states = runs.length
      ? await this.targets.find({
          select: { runId: true, state: true },
          where: { runId: In(runs.map((r) => r.id)) },
        })
      : [];
    return runs.map((run) =>
      runView(
        run,
        states.filter((t) => t.runId === run.id).map((t) => t.state),
      ),
    );
  }

  async get(id: string): Promise<CommandRunDetail> {
    const detail = await this.reader.detail(id);
    if (!detail) throw new NotFoundException('command run not found');
    return detail;
  }

  /** Cancels the targets not sent yet and kills the running ones (their hosts confirm it). */
  async cancel(actor: Principal, id: string, ip: string | null): Promise<CommandRunDetail> {
    const run = await this.get(id);
    const cancelled = this.dispatcher.cancel(id);
    await this.audit.record({
      actor,
      action: 'command.cancel',
      target: { type: 'command-run', id },
      ip,
      outcome: cancelled ? 'success' : 'failure',
      detail: { command: run.command },
    });
    return this.get(id);
  }

  private launch(run: CommandRun, targets: CommandTarget[]): void {
    this.dispatcher
      .start(run, targets)
      .catch((err: unknown) => this.logger.error({ err, runId: run.id }, 'a command run failed'));
  }
}
