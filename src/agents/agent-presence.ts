import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import { HubEvents } from '../common/events/hub-events.js';
import { AppConfig } from '../config/app-config.js';
import { ServerAgentState } from '../servers/server-agent-state.js';
import { ServerCatalog } from '../servers/server-catalog.js';
import type { AgentConnection } from './agent-connection.js';
import { AgentRegistry } from './agent-registry.js';

/**
 * Online/offline per server, from the registry's point of view:
 * - authenticated (and not merely replacing a live connection) → `server.online`;
 * - connection closed and not back within the reconnect grace → `server.offline` (disconnected);
 * - no frame for the offline window → `server.offline` (timeout); a later frame brings it back.
 * Last contact goes to the server catalog (memory) on every check and to the server row at most
 * every LAST_SEEN_WRITE_MS per server, on offline and at shutdown, so the console and the API show
 * it for online servers and a restarted hub counts an offline server's absence from its real start.
 */
/** How stale the stored lastSeenAt of a connected server may get (writes are batched per check). */
export const LAST_SEEN_WRITE_MS = 60_000;

@Injectable()
export class AgentPresence implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AgentPresence.name);
  private readonly online = new Set<string>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private readonly lastSeen = new Map<string, number>();
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly registry: AgentRegistry,
    private readonly events: HubEvents,
    private readonly servers: ServerAgentState,
    private readonly catalog: ServerCatalog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  isOnline(serverId: string): boolean {
    return this.online.has(serverId);
  }

  onlineServerIds(): string[] {
    return [...this.online];
  }

  /** The server's connection authenticated (fresh, replacing, or back after a drop). */
  connected(serverId: string): void {
    const timer = this.graceTimers.get(serverId);
    if (timer) {
      clearTimeout(timer);
      this.graceTimers.delete(serverId);
    }
    if (this.online.has(serverId)) return; // replacement or quick reconnect: no flap
    this.online.add(serverId);
    this.events.emit('server.online', { serverId, at: this.clock.now() });
  }

  /** The server's live connection closed (not a replaced one). */
  disconnected(conn: AgentConnection, serverId: string): void {
    this.lastSeen.set(serverId, conn.lastFrameAt);
    this.catalog.noteSeen(serverId, conn.lastFrameAt);
    if (!this.online.has(serverId) || this.graceTimers.has(serverId)) return;
    const timer = setTimeout(() => {
      this.graceTimers.delete(serverId);
      if (!this.registry.has(serverId)) this.goOffline(serverId, 'disconnected');
    }, this.config.agents.reconnectGraceMs);
    timer.unref();
    this.graceTimers.set(serverId, timer);
  }

  /** A frame arrived on a connection whose server had gone offline for silence. */
  heardAgain(conn: AgentConnection, serverId: string): void {
    conn.silentOffline = false;
    this.connected(serverId);
  }

  /**
   * Every server whose live connection has been silent for the offline window goes offline; the
   * others' last contact is noted, and stored when the stored value is older than LAST_SEEN_WRITE_MS.
   */
  checkSilent(): number {
    const now = this.clock.now();
    const limit = this.config.agents.offlineAfterMs;
    const due: { serverId: string; at: number }[] = [];
    let count = 0;
    for (const conn of this.registry.connections()) {
      const serverId = conn.serverId;
      if (serverId === null) continue;
      this.catalog.noteSeen(serverId, conn.lastFrameAt);
      if (!conn.silentOffline && now - (this.lastWritten.get(serverId) ?? 0) >= LAST_SEEN_WRITE_MS) {
        this.lastWritten.set(serverId, now);
        due.push({ serverId, at: conn.lastFrameAt });
      }
      if (conn.silentOffline || now - conn.lastFrameAt < limit) continue;
      conn.silentOffline = true;
      if (this.online.has(serverId)) {
        this.lastSeen.set(serverId, conn.lastFrameAt);
        this.goOffline(serverId, 'timeout');
        count++;
      }
    }
    if (due.length > 0)
      this.servers
        .recordLastSeen(due)
        .catch((err: unknown) => this.logger.warn({ err }, 'could not write lastSeenAt'));
    return count;
  }

  /** Forgets a server (deleted). */
  forget(serverId: string): void {
    const timer = this.graceTimers.get(serverId);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(serverId);
    this.online.delete(serverId);
    this.lastSeen.delete(serverId);
    this.lastWritten.delete(serverId);
  }

  /** Writes lastSeenAt of every connected server (the writes otherwise happen on offline). */
  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
    const entries = [...this.registry.connections()]
      .filter((c) => c.serverId !== null)
      .map((c) => ({ serverId: c.serverId!, at: c.lastFrameAt }));
    for (const [serverId, at] of this.lastSeen)
      if (!this.registry.has(serverId)) entries.push({ serverId, at });
    await this.servers
      .recordLastSeen(entries)
      .catch((err: unknown) => this.logger.warn({ err }, 'could not write lastSeenAt at shutdown'));
  }

  private goOffline(serverId: string, reason: 'timeout' | 'disconnected'): void {
    if (!this.online.delete(serverId)) return;
    const at = this.clock.now();
    this.events.emit('server.offline', { serverId, at, reason });
    const seen = this.lastSeen.get(serverId);
    if (seen !== undefined) {
      this.lastSeen.delete(serverId);
      this.servers
        .recordLastSeen([{ serverId, at: seen }])
        .catch((err: unknown) => this.logger.warn({ err, serverId }, 'could not write lastSeenAt'));
    }
  }
}
