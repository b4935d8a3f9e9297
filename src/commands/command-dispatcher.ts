import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FINAL_TARGET_STATES } from '@hivewatch/protocol';
import { In, Not, type Repository } from 'typeorm';
import { AgentRegistry } from '../agents/agent-registry.js';
import { RpcClient } from '../agents/rpc/rpc-client.js';
import { HubEvents } from '../common/events/hub-events.js';
import { CommandRun } from './command-run.entity.js';
import { CommandTarget } from './command-target.entity.js';
import { FanOut, type TargetOutcome } from './fan-out.js';
import { endingOfError, endingOfResult, hubTimeoutMs } from './target-outcome.js';

const SIMPLE_DENIED = 'commands to simple-dialect (seed-001) agents are not enabled for this server';

interface ActiveRun {
  fan: FanOut;
  /** Offline targets' time-to-live timers, by target id. */
  ttl: Map<string, NodeJS.Timeout>;
  targetByServer: Map<string, string>;
  /** Record writes of this run, in order: the run ends after the last one. */
  writes: Promise<unknown>;
}

/**
 * Runs stored command runs: the fan-out, `exec` to each agent with the request id kept on the
 * target row, offline targets parked until `server.online` or their TTL, and the records written.
 */
@Injectable()
export class CommandDispatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CommandDispatcher.name);
  private readonly active = new Map<string, ActiveRun>();
  private readonly unsubscribe: (() => void)[] = [];
  /** Targets sent and not yet seen running, by `serverId:requestId`. */
  private readonly awaitingOutput = new Map<string, string>();

  constructor(
    @InjectRepository(CommandRun) private readonly runs: Repository<CommandRun>,
    @InjectRepository(CommandTarget) private readonly targets: Repository<CommandTarget>,
    private readonly rpc: RpcClient,
    private readonly registry: AgentRegistry,
    private readonly events: HubEvents,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('server.online', (e) => this.serverOnline(e.serverId)),
      this.events.on('agent.exec-output', (e) => this.firstOutput(`${e.serverId}:${e.requestId}`)),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
    for (const run of this.active.values()) for (const timer of run.ttl.values()) clearTimeout(timer);
    this.active.clear();
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Starts a stored run whose targets are all queued; resolves when every target has ended. */
  start(run: CommandRun, targets: CommandTarget[]): Promise<void> {
    const byId = new Map(targets.map((t) => [t.id, t]));
    const active: ActiveRun = {
      ttl: new Map(),
      targetByServer: new Map(targets.map((t) => [t.serverId, t.id])),
      writes: Promise.resolve(),
      fan: new FanOut({
        maxParallel: run.maxParallel,
        stopOnFirstFailure: run.stopOnFirstFailure,
        run: (id) => this.send(run, byId.get(id) as CommandTarget),
        onOutcome: (id, outcome) => this.settle(active, id, outcome),
      }),
    };
    this.active.set(run.id, active);
    const online = targets.filter((t) => this.registry.has(t.serverId)).map((t) => t.id);
    const offline = targets.filter((t) => !this.registry.has(t.serverId)).map((t) => t.id);
    active.fan.start(online, offline);
    for (const id of offline) {
      const timer = setTimeout(() => active.fan.expire(id), run.offlineTtlSeconds * 1000);
      timer.unref();
      active.ttl.set(id, timer);
    }
    return active.fan.finished
      .then(() => active.writes)
      .then(() => this.finish(run.id, active.fan.isStopped ? 'cancelled' : 'done'));
  }

  /** Ends every target not yet sent; targets already on their hosts run to their own end. */
  cancel(runId: string): boolean {
    const active = this.active.get(runId);
    if (!active) return false;
    for (const timer of active.ttl.values()) clearTimeout(timer);
    active.fan.stop();
    return true;
  }

  private serverOnline(serverId: string): void {
    for (const active of this.active.values()) {
      const targetId = active.targetByServer.get(serverId);
      if (targetId === undefined || !active.fan.ready(targetId)) continue;
      clearTimeout(active.ttl.get(targetId));
      active.ttl.delete(targetId);
    }
  }

  private async send(run: CommandRun, target: CommandTarget): Promise<TargetOutcome> {
    try {
      return await this.exec(run, target);
    } finally {
      this.awaitingOutput.delete(`${target.serverId}:${target.requestId}`);
    }
  }

  private async exec(run: CommandRun, target: CommandTarget): Promise<TargetOutcome> {
    if (this.registry.get(target.serverId)?.dialect === 'simple') {
      // Seed-001 agents have no capability gate of their own: only an explicit per-server switch may
      // let commands through, and that switch does not exist yet.
      await this.targets.update(target.id, { state: 'denied', error: SIMPLE_DENIED, endedAt: new Date() });
      return 'denied';
    }
    try {
      // Allocated once and stored before sending: a re-send reuses it (the agent runs it once).
      const requestId = target.requestId ?? (await this.rpc.reserveId(target.serverId));
      target.requestId = requestId;
      await this.targets.update(target.id, { state: 'sent', requestId, sentAt: new Date() });
      this.awaitingOutput.set(`${target.serverId}:${requestId}`, target.id);
      const result = await this.rpc.request(
        target.serverId,
        'exec',
        { command: run.command, timeoutMs: run.timeoutMs, outputCapBytes: run.outputCapBytes },
        { id: requestId, timeoutMs: hubTimeoutMs(run.timeoutMs) },
      );
      const ending = endingOfResult(result);
      await this.targets.update(target.id, {
        state: ending.outcome,
        exitCode: ending.exitCode,
        signal: ending.signal,
        stdout: result.stdout,
        stderr: result.stderr,
        startedAt: new Date(result.startedAt),
        endedAt: new Date(result.endedAt),
      });
      return ending.outcome;
    } catch (error) {
      const ending = endingOfError(error);
      await this.targets.update(target.id, {
        state: ending.outcome,
        error: ending.error,
        endedAt: new Date(),
      });
      return ending.outcome;
    }
  }

  /** The first live output of a sent target: it is running on its host. */
  private firstOutput(key: string): void {
    const targetId = this.awaitingOutput.get(key);
    if (targetId === undefined) return;
    this.awaitingOutput.delete(key);
    this.targets
      .update({ id: targetId, state: 'sent' }, { state: 'running' })
      .catch((err: unknown) =>
        this.logger.error({ err, targetId }, 'could not record a running command target'),
      );
  }

  /** Targets ended by the fan-out itself (cancelled, offline): the sent ones are written by send(). */
  private settle(active: ActiveRun, targetId: string, outcome: TargetOutcome): void {
    clearTimeout(active.ttl.get(targetId));
    active.ttl.delete(targetId);
    const error = outcome === 'offline' ? 'the agent did not come back before the time-to-live' : null;
    active.writes = active.writes.then(() =>
      this.targets
        .update(
          { id: targetId, state: Not(In([...FINAL_TARGET_STATES])) },
          { state: outcome, error, endedAt: new Date() },
        )
        .catch((err: unknown) => this.logger.error({ err, targetId }, 'could not record a command target')),
    );
  }

  private async finish(runId: string, state: 'done' | 'cancelled'): Promise<void> {
    this.active.delete(runId);
    try {
      await this.runs.update(runId, { state, endedAt: new Date() });
    } catch (error) {
      this.logger.error({ err: error, runId }, 'could not record the end of a command run');
    }
  }
}
