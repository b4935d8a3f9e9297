import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import {
  CloseCode,
  type AlertNotice,
  type BrowserFrame,
  type DockerAvailabilityChangedFrame,
  type DockerEventFrame,
  type DockerUpdateFrame,
  type ServerState,
} from '@hivewatch/protocol';
import type { WebSocket } from 'ws';
import { CredentialsService } from '../auth/credentials.service.js';
import type { Principal } from '../common/auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import { DockerLiveState } from '../docker/docker-live.service.js';
import { LiveState } from '../records/live-state.service.js';
import { BrowserFlow } from './browser-flow.js';
import { ChangeTracker } from './change-tracker.js';
import { LastFigures } from './last-figures.js';
import { encodeBrowserFrame, sendFrame, type EncodedFrame } from './live-socket.js';
import { ServerDirectory, type DirectoryChange } from './server-directory.js';
import { toServerState, type DockerFacts } from './server-state.mapper.js';

interface BrowserClient {
  ws: WebSocket;
  principal: Principal;
  /** The session cookie value, kept only to re-check the session; never logged. */
  cookie: string;
  flow: BrowserFlow;
}

/** What a test or the health page may see of one console stream. */
export interface BrowserStreamInfo {
  userId: string;
  bufferedAmount: number;
  stale: boolean;
}

/**
 * The console streams (`/api/v1/ws`): one `full_sync` on connect, then on each batching tick one
 * `update` with the servers that changed, serialized once and sent to every browser. Presence
 * frames go out at once. A browser that is behind is skipped and later re-synced (BrowserFlow).
 */
@Injectable()
export class BrowserHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BrowserHub.name);
  private readonly clients = new Set<BrowserClient>();
  private readonly changes = new ChangeTracker();
  private fullSync: EncodedFrame | null = null;
  private offDirectory: (() => void) | undefined;

  constructor(
    private readonly directory: ServerDirectory,
    private readonly live: LiveState,
    private readonly lastFigures: LastFigures,
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
    @Optional() private readonly docker?: DockerLiveState,
  ) {}

  onModuleInit(): void {
    this.offDirectory = this.directory.onChange((change) => this.onDirectoryChange(change));
  }

  onModuleDestroy(): void {
    this.offDirectory?.();
  }

  /** An authenticated browser: it gets the current state at once. */
  add(ws: WebSocket, principal: Principal, cookie: string): void {
    const { browserBufferBytes: boundBytes, staleCloseMs } = this.config.live;
    const client: BrowserClient = {
      ws,
      principal,
      cookie,
      flow: new BrowserFlow({ boundBytes, staleCloseMs }),
    };
    this.clients.add(client);
    ws.once('close', () => this.clients.delete(client));
    this.resync(client);
  }

  /** The batching tick: changed servers are computed once, and the frame encoded once. */
  tick(now: number): void {
    const changed = this.changes.collect(this.serverIds(), (id) => this.live.latest(id));
    if (changed.length > 0) this.fullSync = null;
    if (this.clients.size === 0) return;
    let frame: EncodedFrame | null = null;
    if (changed.length > 0) {
      const servers: ServerState[] = [];
      for (const id of changed) {
        const state = this.stateOf(id);
        if (state) servers.push(state);
      }
      if (servers.length > 0)
        frame = encodeBrowserFrame({ type: 'update', servers, at: new Date(now).toISOString() });
    }
    // stale browsers are visited even without a frame, so they are re-synced or closed on time
    for (const client of this.clients) {
      if (frame || client.flow.isStale) this.deliver(client, frame, now);
    }
  }

  /** An alert state change to every console (LiveAlerts relays `alert.changed`). */
  publishAlert(alert: AlertNotice): void {
    this.broadcast({ type: 'alert', alert });
  }

  /** A Docker frame to every console (LiveDocker relays DockerFrames; all users may see every server). */
  publishDocker(frame: DockerUpdateFrame | DockerEventFrame | DockerAvailabilityChangedFrame): void {
    this.broadcast(frame);
  }

  /** Closes every stream whose session was revoked, expired or whose user was disabled. */
  async recheckSessions(): Promise<void> {
    for (const client of [...this.clients]) {
      const principal = await this.credentials.authenticateSession(client.cookie).catch((err: unknown) => {
        this.logger.error({ err }, 'session re-check failed');
        return client.principal;
      });
      if (principal) client.principal = principal;
      else {
        this.logger.log({ userId: client.principal.userId }, 'console stream closed: session ended');
        client.ws.close(CloseCode.AuthFailed, 'session ended');
        this.clients.delete(client);
      }
    }
  }

  streams(): BrowserStreamInfo[] {
    return [...this.clients].map((c) => ({
      userId: c.principal.userId,
      bufferedAmount: c.ws.bufferedAmount,
      stale: c.flow.isStale,
    }));
  }

  private onDirectoryChange(change: DirectoryChange): void {
    this.fullSync = null;
    if (change.kind === 'presence') {
      this.changes.mark(change.serverId);
      const at = new Date(change.at).toISOString();
      const { serverId } = change;
      this.broadcast(
        change.online ? { type: 'server_online', serverId, at } : { type: 'server_offline', serverId, at },
      );
      return;
    }
    for (const id of change.changed) this.changes.mark(id);
    for (const id of change.removed) {
      this.changes.forget(id);
      this.lastFigures.forget(id);
    }
    // updates cannot say "gone": a removed server re-syncs everyone (rare: an admin deleted it)
    if (change.removed.length > 0) for (const client of this.clients) this.resync(client);
  }

  private broadcast(frame: BrowserFrame): void {
    if (this.clients.size === 0) return;
    const data = encodeBrowserFrame(frame);
    const now = Date.now();
    for (const client of this.clients) this.deliver(client, data, now);
  }

  private deliver(client: BrowserClient, frame: EncodedFrame | null, now: number): void {
    switch (client.flow.decide(client.ws.bufferedAmount, now)) {
      case 'send':
        if (frame) sendFrame(client.ws, frame);
        return;
      case 'skip':
        return;
      case 'resync':
        this.resync(client);
        return;
      case 'close':
        this.logger.warn({ userId: client.principal.userId }, 'console stream closed: behind for too long');
        client.ws.close(CloseCode.PolicyViolation, 'too slow');
        this.clients.delete(client);
        return;
    }
  }

  private resync(client: BrowserClient): void {
    this.fullSync ??= encodeBrowserFrame({
      type: 'full_sync',
      servers: [...this.serverIds()].flatMap((id) => this.stateOf(id) ?? []),
      at: new Date().toISOString(),
    });
    sendFrame(client.ws, this.fullSync);
    client.flow.synced(this.fullSync.length);
  }

  private *serverIds(): Iterable<string> {
    for (const meta of this.directory.all()) yield meta.id;
  }

  private stateOf(serverId: string): ServerState | undefined {
    const meta = this.directory.get(serverId);
    if (!meta) return undefined;
    return toServerState(meta, {
      online: this.directory.isOnline(serverId),
      lastSeenAt: this.live.lastSeenAt(serverId),
      offlineSince: this.directory.offlineSince(serverId),
      sample: this.live.latest(serverId),
      stored: this.lastFigures.get(serverId),
      docker: this.dockerFacts(serverId),
    });
  }

  private dockerFacts(serverId: string): DockerFacts | undefined {
    const snapshot = this.docker?.snapshot(serverId);
    const counts = this.docker?.counts(serverId);
    return snapshot && counts ? { available: snapshot.available, counts } : undefined;
  }
}
