import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CloseCode, type ApiAlertFrame } from '@hivewatch/protocol';
import type { WebSocket } from 'ws';
import { CredentialsService } from '../auth/credentials.service.js';
import type { Principal } from '../common/auth/principal.js';
import { HubEvents, type HubEventMap } from '../common/events/hub-events.js';
import { AppConfig } from '../config/app-config.js';
import { LiveState } from '../records/live-state.service.js';
import type { Sample } from '../records/sample.js';
import { encodeApiFrame, sendApiError, sendFrame, type EncodedFrame } from './live-socket.js';
import { ServerDirectory, type DirectoryChange } from './server-directory.js';
import { toApiMetricsData } from './server-state.mapper.js';

export type ApiStreamKind = 'metrics' | 'logs';

/** An authenticated seed-001 stream. */
export interface ApiStreamClient {
  ws: WebSocket;
  kind: ApiStreamKind;
  serverId: string;
  principal: Principal;
  /** The bearer token, kept only to re-check it; never logged. */
  token: string;
}

export const LOGS_UNSUPPORTED = "This server's agent cannot stream logs";
export const INVALID_MESSAGE = 'Invalid message format';

/**
 * Seed-001 API-client streams after authentication: `metrics` frames with every new live sample of
 * the server (at most one per batching tick, encoded once per server), `log` frames from the agent's
 * followed logs, and `alert` frames through {@link publishAlert}. A client over the send bound
 * misses frames instead of growing a queue.
 */
@Injectable()
export class ApiStreamsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiStreamsService.name);
  private readonly subscribers: Record<ApiStreamKind, Map<string, Set<ApiStreamClient>>> = {
    metrics: new Map(),
    logs: new Map(),
  };
  private readonly lastSent = new Map<string, Sample>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly directory: ServerDirectory,
    private readonly live: LiveState,
    private readonly events: HubEvents,
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('agent.log', (e) => this.onLog(e)),
      this.directory.onChange((c) => this.onDirectoryChange(c)),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  open(client: ApiStreamClient): void {
    const byServer = this.subscribers[client.kind];
    let set = byServer.get(client.serverId);
    if (!set) byServer.set(client.serverId, (set = new Set()));
    set.add(client);
    client.ws.once('close', () => this.close(client));
    if (client.kind === 'logs') {
      if (!this.directory.get(client.serverId)?.capabilities.includes('logs'))
        sendApiError(client.ws, LOGS_UNSUPPORTED);
      return;
    }
    // the current state at once, rather than after the agent's next report
    const sample = this.live.latest(client.serverId);
    if (sample) this.send(client, this.metricsFrame(sample));
  }

  /** A frame after authentication: a new `auth` replaces the token (e.g. a refreshed JWT). */
  async onClientFrame(client: ApiStreamClient, token: string | null): Promise<void> {
    if (token === null) return sendApiError(client.ws, INVALID_MESSAGE);
    const principal = await this.credentials.authenticateBearer(token);
    if (!principal) return this.reject(client, 'Invalid or expired token');
    client.principal = principal;
    client.token = token;
  }

  /** The batching tick: one `metrics` frame per server with a new live sample and a subscriber. */
  tick(): void {
    for (const [serverId, clients] of this.subscribers.metrics) {
      const sample = this.live.latest(serverId);
      if (!sample || this.lastSent.get(serverId) === sample) continue;
      this.lastSent.set(serverId, sample);
      const frame = this.metricsFrame(sample);
      for (const client of clients) this.send(client, frame);
    }
  }

  /** An alert of the server to its metrics streams (LiveAlerts relays `alert.changed`). */
  publishAlert(frame: ApiAlertFrame): void {
    const clients = this.subscribers.metrics.get(frame.data.server_id);
    if (!clients) return;
    const data = encodeApiFrame(frame);
    for (const client of clients) this.send(client, data);
  }

  /** Closes every stream whose token expired or was revoked, or whose user was disabled. */
  async recheckTokens(): Promise<void> {
    for (const client of this.allClients()) {
      const principal = await this.credentials.authenticateBearer(client.token).catch((err: unknown) => {
        this.logger.error({ err }, 'token re-check failed');
        return client.principal;
      });
      if (principal) client.principal = principal;
      else this.reject(client, 'Token expired or revoked');
    }
  }

  count(kind: ApiStreamKind): number {
    let n = 0;
    for (const set of this.subscribers[kind].values()) n += set.size;
    return n;
  }

  private onLog(e: HubEventMap['agent.log']): void {
    const clients = this.subscribers.logs.get(e.serverId);
    if (!clients) return;
    const level = e.level.toUpperCase();
    const frame = encodeApiFrame({
      type: 'log',
      data: { level, message: e.message, timestamp: e.timestamp },
    });
    for (const client of clients) this.send(client, frame);
  }

  private onDirectoryChange(change: DirectoryChange): void {
    if (change.kind !== 'servers') return;
    for (const serverId of change.removed) {
      for (const kind of ['metrics', 'logs'] as const) {
        for (const client of this.subscribers[kind].get(serverId) ?? []) {
          sendApiError(client.ws, 'Server not found');
          client.ws.close(CloseCode.ServerNotFound, 'server deleted');
          this.close(client);
        }
      }
    }
  }

  private metricsFrame(sample: Sample): EncodedFrame {
    return encodeApiFrame({ type: 'metrics', data: toApiMetricsData(sample) });
  }

  private send(client: ApiStreamClient, frame: EncodedFrame): void {
    if (client.ws.bufferedAmount > this.config.live.browserBufferBytes) return;
    sendFrame(client.ws, frame);
  }

  private reject(client: ApiStreamClient, message: string): void {
    sendApiError(client.ws, message);
    client.ws.close(CloseCode.AuthFailed, 'authentication failed');
    this.close(client);
  }

  private close(client: ApiStreamClient): void {
    const byServer = this.subscribers[client.kind];
    const set = byServer.get(client.serverId);
    if (!set?.delete(client) || set.size > 0) return;
    byServer.delete(client.serverId);
    if (client.kind === 'metrics') this.lastSent.delete(client.serverId);
  }

  private *allClients(): Iterable<ApiStreamClient> {
    for (const byServer of Object.values(this.subscribers))
      for (const set of byServer.values()) yield* [...set];
  }
}
