import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ExecResult } from '@hivewatch/protocol';
import type { Repository } from 'typeorm';
import { simpleDialectCapabilities } from '../agents/agent-authenticator.js';
import { AgentRegistry } from '../agents/agent-registry.js';
import { RpcClient } from '../agents/rpc/rpc-client.js';
import { HubEvents } from '../common/events/hub-events.js';
import { Server } from '../servers/server.entity.js';
import type { CommandRun } from './command-run.entity.js';
import { CommandRunFeed } from './command-run-feed.js';
import { CommandTarget } from './command-target.entity.js';
import type { TargetOutcome } from './fan-out.js';
import { CANCEL_CONFIRM_MS, endingOfError, endingOfResult, targetDeadline } from './target-outcome.js';

export const SIMPLE_DENIED =
  "commands to this simple-dialect (seed-001) agent are off: an admin can switch on the server's simpleCommands";

interface Flight {
  runId: string;
  targetId: string;
  serverId: string;
  requestId: number;
  running: boolean;
  cancelled: boolean;
  /** Ends the target as `cancelled` without waiting for the host any longer. */
  abandon(): void;
}

/**
 * Sends one target's command and writes its record: `exec` with the request id stored on the row
 * before the first send (a re-send reuses it), the hub's own deadline, live output to the feed, the
 * seed-001 switch for simple-dialect agents, and `exec-cancel` to kill a running command.
 */
@Injectable()
export class TargetSender implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TargetSender.name);
  private readonly flights = new Map<string, Flight>();
  private readonly byRequest = new Map<string, Flight>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    @InjectRepository(CommandTarget) private readonly targets: Repository<CommandTarget>,
    @InjectRepository(Server) private readonly servers: Repository<Server>,
    private readonly rpc: RpcClient,
    private readonly registry: AgentRegistry,
    private readonly events: HubEvents,
    private readonly feed: CommandRunFeed,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('agent.exec-output', (e) => this.output(e.serverId, e.requestId, e.stream, e.data)),
      // The seed-001 switch applies to a connected simple-dialect agent at once.
      this.events.on('server.saved', ({ server }) => {
        const conn = this.registry.get(server.id);
        if (conn?.dialect === 'simple')
          conn.capabilities = simpleDialectCapabilities(server.simpleCommands === true);
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  /** The hub is shutting down: open targets keep their state and resume at the next start. */
  get closing(): boolean {
    return this.rpc.isClosing;
  }

  /** Writes a target's state change and tells the feed. */
  async record(run: CommandRun, targetId: string, change: Partial<CommandTarget>, final: boolean) {
    await this.targets.update(targetId, change);
    this.feed.target(run.id, targetId, final);
  }

  async send(run: CommandRun, target: CommandTarget): Promise<TargetOutcome> {
    const conn = this.registry.get(target.serverId);
    const simple = conn?.dialect === 'simple';
    if (simple && !(await this.servers.findOneBy({ id: target.serverId }))?.simpleCommands) {
      await this.record(run, target.id, { state: 'denied', error: SIMPLE_DENIED, endedAt: new Date() }, true);
      return 'denied';
    }
    let settle: (value: 'abandoned') => void = () => undefined;
    const abandoned = new Promise<'abandoned'>((resolve) => (settle = resolve));
    let flight: Flight | undefined;
    try {
      // Allocated once and stored before sending: a re-send reuses it (the agent runs it once).
      const requestId = target.requestId ?? (await this.rpc.reserveId(target.serverId));
      const sentAt = target.sentAt ?? new Date();
      const resent = target.requestId !== null;
      Object.assign(target, { requestId, sentAt });
      flight = {
        runId: run.id,
        targetId: target.id,
        serverId: target.serverId,
        requestId,
        running: target.state === 'running',
        cancelled: false,
        abandon: () => settle('abandoned'),
      };
      this.flights.set(target.id, flight);
      this.byRequest.set(`${target.serverId}:${requestId}`, flight);
      await this.record(
        run,
        target.id,
        { state: flight.running ? 'running' : 'sent', requestId, sentAt },
        false,
      );
      const remaining = targetDeadline(run, sentAt, simple) - Date.now();
      if (resent)
        this.logger.log({ targetId: target.id, requestId }, 're-sending a command with its request id');
      const request = this.rpc
        .request(
          target.serverId,
          'exec',
          { command: run.command, timeoutMs: run.timeoutMs, outputCapBytes: run.outputCapBytes },
          { id: requestId, timeoutMs: Math.max(1, remaining) },
        )
        .then((result: ExecResult) => ({ result }));
      const answer = await Promise.race([request, abandoned]);
      if (answer === 'abandoned') {
        this.rpc.forget(target.serverId, requestId);
        request.catch(() => undefined);
        const error = 'cancelled; the host did not confirm that the command was stopped';
        await this.record(run, target.id, { state: 'cancelled', error, endedAt: new Date() }, true);
        return 'cancelled';
      }
      const { result } = answer;
      const ending = endingOfResult(result);
      await this.record(
        run,
        target.id,
        {
          state: ending.outcome,
          exitCode: ending.exitCode,
          signal: ending.signal,
          stdout: result.stdout,
          stderr: result.stderr,
          startedAt: new Date(result.startedAt),
          endedAt: new Date(result.endedAt),
        },
        true,
      );
      return ending.outcome;
    } catch (error) {
      if (this.closing) return 'cancelled'; // not recorded: resumed by the next hub process
      const ending = flight?.cancelled
        ? { outcome: 'cancelled' as const, error: 'cancelled' }
        : endingOfError(error, simple);
      await this.record(
        run,
        target.id,
        { state: ending.outcome, error: ending.error, endedAt: new Date() },
        true,
      );
      return ending.outcome;
    } finally {
      if (flight) {
        this.flights.delete(flight.targetId);
        this.byRequest.delete(`${flight.serverId}:${flight.requestId}`);
      }
    }
  }

  /**
   * Stops a sent target: `exec-cancel` to its agent (which kills the process group; the result then
   * says cancelled). A host that cannot be asked, or does not confirm in time, is given up on.
   */
  cancel(targetId: string): void {
    const flight = this.flights.get(targetId);
    if (!flight || flight.cancelled) return;
    flight.cancelled = true;
    const conn = this.registry.get(flight.serverId);
    if (conn?.dialect !== 'envelope' || !conn.capabilities?.includes('exec')) return flight.abandon();
    setTimeout(() => flight.abandon(), CANCEL_CONFIRM_MS).unref();
    this.rpc
      .request(
        flight.serverId,
        'exec-cancel',
        { requestId: flight.requestId },
        { timeoutMs: CANCEL_CONFIRM_MS },
      )
      .then(({ found }) => {
        if (!found) flight.abandon();
      })
      .catch(() => flight.abandon());
  }

  private output(serverId: string, requestId: number, stream: 'stdout' | 'stderr', data: string): void {
    const flight = this.byRequest.get(`${serverId}:${requestId}`);
    if (!flight) return;
    this.feed.output(flight.runId, flight.targetId, stream, Buffer.from(data, 'base64'));
    if (flight.running) return;
    flight.running = true;
    this.targets
      .update({ id: flight.targetId, state: 'sent' }, { state: 'running' })
      .then(() => this.feed.target(flight.runId, flight.targetId))
      .catch((err: unknown) =>
        this.logger.error({ err, targetId: flight.targetId }, 'could not record a running command target'),
      );
  }
}
