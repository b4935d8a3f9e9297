import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FINAL_TARGET_STATES } from '@hivewatch/protocol';
import { In, Not, type Repository } from 'typeorm';
import { AgentRegistry } from '../agents/agent-registry.js';
import { HubEvents } from '../common/events/hub-events.js';
import { CommandRun } from './command-run.entity.js';
import { CommandRunFeed } from './command-run-feed.js';
import { CommandTarget } from './command-target.entity.js';
import { FanOut, type TargetOutcome } from './fan-out.js';
import { targetDeadline } from './target-outcome.js';
import { TargetSender } from './target-sender.js';

interface ActiveRun {
  fan: FanOut;
  /** Parked targets' timers (offline TTL, or the deadline of a target sent before a restart). */
  timers: Map<string, NodeJS.Timeout>;
  targetByServer: Map<string, string>;
  /** Record writes of this run, in order: the run ends after the last one. */
  writes: Promise<unknown>;
}

const ERRORS: Partial<Record<TargetOutcome, string>> = {
  offline: 'the agent did not come back before the time-to-live',
  timed_out: 'no result before the deadline (the hub restarted while the command ran)',
};

/**
 * Runs stored command runs: the fan-out, each target sent by TargetSender, offline targets parked
 * until `server.online` or their TTL, cancel (queued targets end, running ones are killed), and
 * runs resumed after a hub restart with their targets' request ids.
 */
@Injectable()
export class CommandDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger(CommandDispatcher.name);
  private readonly active = new Map<string, ActiveRun>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    @InjectRepository(CommandRun) private readonly runs: Repository<CommandRun>,
    @InjectRepository(CommandTarget) private readonly targets: Repository<CommandTarget>,
    private readonly registry: AgentRegistry,
    private readonly sender: TargetSender,
    private readonly feed: CommandRunFeed,
    events: HubEvents,
  ) {
    this.unsubscribe = [events.on('server.online', (e) => this.serverOnline(e.serverId))];
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
    for (const run of this.active.values()) for (const timer of run.timers.values()) clearTimeout(timer);
    this.active.clear();
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /**
   * Starts (or, after a hub restart, resumes) a stored run; resolves when every target has ended.
   * Queued targets wait for their agent until `expiresAt`; targets a previous hub process had sent
   * are re-sent with their request id when their agent is connected, or end `timed_out` at their
   * deadline.
   */
  async start(run: CommandRun, targets: CommandTarget[]): Promise<void> {
    const now = Date.now();
    const open = targets.filter((t) => !FINAL_TARGET_STATES.includes(t.state));
    const late = open.filter((t) => t.sentAt !== null && this.deadline(run, t) <= now);
    for (const t of late)
      await this.sender.record(
        run,
        t.id,
        { state: 'timed_out', error: ERRORS.timed_out, endedAt: new Date() },
        true,
      );
    const pending = open.filter((t) => !late.includes(t));
    const byId = new Map(pending.map((t) => [t.id, t]));
    const active: ActiveRun = {
      timers: new Map(),
      targetByServer: new Map(pending.map((t) => [t.serverId, t.id])),
      writes: Promise.resolve(),
      fan: new FanOut({
        maxParallel: run.maxParallel,
        stopOnFirstFailure: run.stopOnFirstFailure,
        run: (id) => this.sender.send(run, byId.get(id) as CommandTarget),
        onOutcome: (id, outcome) => this.settle(run, active, id, outcome),
      }),
    };
    this.active.set(run.id, active);
    const online = pending.filter((t) => this.registry.has(t.serverId));
    const offline = pending.filter((t) => !this.registry.has(t.serverId));
    active.fan.start(
      online.map((t) => t.id),
      offline.map((t) => t.id),
    );
    for (const t of offline) {
      const sent = t.sentAt !== null;
      const until = sent ? this.deadline(run, t) : (t.expiresAt?.getTime() ?? now);
      const timer = setTimeout(() => active.fan.expire(t.id, sent ? 'timed_out' : 'offline'), until - now);
      timer.unref();
      active.timers.set(t.id, timer);
    }
    await active.fan.finished;
    await active.writes;
    await this.finish(run.id, active.fan.isStopped ? 'cancelled' : 'done');
  }

  /** Ends every target not yet sent and kills the running ones on their hosts. */
  cancel(runId: string): boolean {
    const active = this.active.get(runId);
    if (!active) return false;
    for (const timer of active.timers.values()) clearTimeout(timer);
    for (const targetId of active.fan.stop()) this.sender.cancel(targetId);
    return true;
  }

  private deadline(run: CommandRun, target: CommandTarget): number {
    const simple = this.registry.get(target.serverId)?.dialect === 'simple';
    return targetDeadline(run, target.sentAt ?? new Date(), simple);
  }

  private serverOnline(serverId: string): void {
    for (const active of this.active.values()) {
      const targetId = active.targetByServer.get(serverId);
      if (targetId === undefined || !active.fan.ready(targetId)) continue;
      clearTimeout(active.timers.get(targetId));
      active.timers.delete(targetId);
    }
  }

  /** Targets ended by the fan-out itself (cancelled, offline, timed out parked): send() writes the rest. */
  private settle(run: CommandRun, active: ActiveRun, targetId: string, outcome: TargetOutcome): void {
    clearTimeout(active.timers.get(targetId));
    active.timers.delete(targetId);
    active.writes = active.writes.then(async () => {
      if (this.sender.closing) return;
      try {
        const { affected } = await this.targets.update(
          { id: targetId, state: Not(In([...FINAL_TARGET_STATES])) },
          { state: outcome, error: ERRORS[outcome] ?? null, endedAt: new Date() },
        );
        if (affected !== 0) this.feed.target(run.id, targetId, true);
      } catch (err) {
        this.logger.error({ err, targetId }, 'could not record a command target');
      }
    });
  }

  private async finish(runId: string, state: 'done' | 'cancelled'): Promise<void> {
    this.active.delete(runId);
    if (this.sender.closing) return; // resumed by the next hub process
    try {
      await this.runs.update(runId, { state, endedAt: new Date() });
    } catch (error) {
      this.logger.error({ err: error, runId }, 'could not record the end of a command run');
    }
    this.feed.run(runId);
  }
}
