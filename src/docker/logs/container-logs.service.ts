import { randomBytes } from 'node:crypto';
import {
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { ContainerLogsQuery } from '@hivewatch/protocol';
import type { Response } from 'express';
import { ConnectionWatch } from '../../agents/connection-watch.js';
import { AgentRegistry } from '../../agents/agent-registry.js';
import { RpcClient } from '../../agents/rpc/rpc-client.js';
import { AgentTimeoutError } from '../../agents/rpc/rpc-errors.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { HubEvents } from '../../common/events/hub-events.js';
import { SSE_HEARTBEAT_MS, SSE_MAX_BUFFERED_BYTES } from '../../commands/command-events.service.js';
import { ServersService } from '../../servers/servers.service.js';
import { ContainerActionsService } from '../actions/container-actions.service.js';
import { gateDockerRead } from '../actions/docker-gate.js';
import { LogStream } from './log-stream.js';
import { LogStreamQuota } from './log-stream-quota.js';

export const LOGS_START_TIMEOUT_MS = 15_000;
export const LOGS_STOP_TIMEOUT_MS = 10_000;

/**
 * `GET /servers/{id}/containers/{containerId}/logs`: one SSE follower per engine log stream on the
 * host, tagged with a fresh stream id. Capped per user and per server; every open is audited. The
 * host's stream is stopped when the follower leaves, and the follower's stream ends (`end`) when
 * the host ends it, the agent disconnects, the server is deleted or the user loses their rights.
 */
@Injectable()
export class ContainerLogsService implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(ContainerLogsService.name);
  private readonly streams = new Map<string, LogStream>();
  /** The agent connection each stream runs over: when that link closes, its host stopped it. */
  private readonly links = new ConnectionWatch<LogStream>((each) => each.end('the agent disconnected', true));
  private readonly quota = new LogStreamQuota();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly servers: ServersService,
    private readonly containers: ContainerActionsService,
    private readonly registry: AgentRegistry,
    private readonly rpc: RpcClient,
    private readonly audit: AuditService,
    private readonly events: HubEvents,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('agent.docker-log', ({ serverId, payload }) =>
        this.streams.get(key(serverId, payload.streamId))?.agent(payload),
      ),
      this.events.on('server.deleted', ({ serverId }) =>
        this.endWhere((s) => s.serverId === serverId, 'the server was deleted', false),
      ),
      this.events.on('user.rights-lost', ({ userId }) =>
        this.endWhere((s) => s.userId === userId, 'your access was revoked', false),
      ),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  beforeApplicationShutdown(): void {
    this.endWhere(() => true, 'the hub is shutting down', true);
  }

  /** Open streams (tests, health). */
  get size(): number {
    return this.streams.size;
  }

  async follow(
    serverId: string,
    containerRef: string,
    query: ContainerLogsQuery,
    actor: Principal,
    ip: string | null,
    res: Response,
  ): Promise<void> {
    const server = await this.servers.get(serverId); // 404 first
    const conn = this.containers.check(server, gateDockerRead); // 409: offline, no `docker`, seed-001
    const taken = this.quota.take(actor.userId, serverId);
    if (!taken.ok) throw new HttpException(taken.message, HttpStatus.TOO_MANY_REQUESTS);
    const streamId = `logs-${randomBytes(12).toString('hex')}`;
    const follow = query.follow === 'true';
    const stream = new LogStream(serverId, streamId, actor.userId, {
      stopOnHost: () => this.stopOnHost(serverId, streamId),
      done: () => {
        this.streams.delete(key(serverId, streamId));
        this.links.delete(stream);
        this.quota.release(actor.userId, serverId);
      },
    });
    // Registered before the start is sent: the host may send lines before it answers.
    this.streams.set(key(serverId, streamId), stream);
    this.links.add(stream, conn);
    res.once('close', () => stream.abandon()); // the follower left (before or after the start)
    const label = this.containers.label(serverId, containerRef);
    const detail = { serverName: server.name, ...label, tail: query.tail, follow, streamId };
    try {
      await this.rpc.request(
        serverId,
        'docker-logs-start',
        { streamId, containerId: containerRef, tail: query.tail, follow },
        { timeoutMs: LOGS_START_TIMEOUT_MS, resend: false },
      );
    } catch (err) {
      // After a timeout the host may have started it after all: it is stopped then.
      const mayRun = err instanceof AgentTimeoutError;
      if (!mayRun) stream.end('the stream could not start', true);
      stream.abandon();
      if (mayRun) stream.markStarted();
      const status = (err as { status?: number }).status ?? 500;
      await this.record(actor, ip, serverId, 'failure', { ...detail, status, error: (err as Error).message });
      throw err;
    }
    stream.markStarted();
    await this.record(actor, ip, serverId, 'success', detail);
    stream.attach(res, { heartbeatMs: SSE_HEARTBEAT_MS, maxBufferedBytes: SSE_MAX_BUFFERED_BYTES });
  }

  private stopOnHost(serverId: string, streamId: string): void {
    const conn = this.registry.get(serverId);
    if (!conn?.open) return; // a closed link stops every stream of it on the host
    this.rpc
      .request(serverId, 'docker-logs-stop', { streamId }, { timeoutMs: LOGS_STOP_TIMEOUT_MS, resend: false })
      .catch((err: unknown) =>
        this.logger.debug({ err: (err as Error).message, serverId, streamId }, 'docker-logs-stop failed'),
      );
  }

  private endWhere(match: (s: LogStream) => boolean, reason: string, hostGone: boolean): void {
    for (const stream of [...this.streams.values()]) if (match(stream)) stream.end(reason, hostGone);
  }

  private record(
    actor: Principal,
    ip: string | null,
    serverId: string,
    outcome: 'success' | 'failure',
    detail: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      actor,
      ip,
      action: 'docker.container.logs',
      outcome,
      target: { type: 'server', id: serverId },
      detail,
    });
  }
}

function key(serverId: string, streamId: string): string {
  return `${serverId}:${streamId}`;
}
