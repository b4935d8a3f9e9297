import {
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HubEvents } from '../common/events/hub-events.js';
import { AppConfig } from '../config/app-config.js';
import { ServersService } from '../servers/servers.service.js';
import { toServerMeta, type ServerMeta } from './server-state.mapper.js';

const PAGE = 1000;

export type DirectoryChange =
  | { kind: 'servers'; changed: string[]; removed: string[] }
  | { kind: 'presence'; serverId: string; online: boolean; at: number };

/**
 * The live streams' in-memory copy of the server list and of who is online, so that no tick and no
 * frame touches the database. The list is re-read when a cheap fingerprint query (row count and
 * newest `updatedAt`) says it changed — every few seconds, when a stream needs a server it does not
 * know; `server.updated` re-reads just that server (a reconnect storm must not re-read the whole
 * list per agent). Presence comes only from the agent gateway's events.
 */
@Injectable()
export class ServerDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ServerDirectory.name);
  private servers = new Map<string, ServerMeta>();
  private readonly online = new Set<string>();
  private readonly listeners = new Set<(change: DirectoryChange) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private fingerprint: string | null = null;
  private refreshing: Promise<void> | null = null;
  private forceNext = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly serversService: ServersService,
    private readonly events: HubEvents,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('server.online', (e) => this.setPresence(e.serverId, true, e.at)),
      this.events.on('server.offline', (e) => this.setPresence(e.serverId, false, e.at)),
      this.events.on('server.updated', (e) => void this.reloadOne(e.serverId)),
    );
    this.timer = setInterval(() => void this.refresh(), this.config.live.serversRefreshMs);
    this.timer.unref();
    void this.refresh(true);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
  }

  /** Returns the function that removes the listener. */
  onChange(listener: (change: DirectoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every known server in list order (display order, then name). */
  all(): Iterable<ServerMeta> {
    return this.servers.values();
  }

  get(serverId: string): ServerMeta | undefined {
    return this.servers.get(serverId);
  }

  isOnline(serverId: string): boolean {
    return this.online.has(serverId);
  }

  /** The server, re-reading the list first when it is not known yet (e.g. created a moment ago). */
  async find(serverId: string): Promise<ServerMeta | undefined> {
    if (!this.servers.has(serverId)) await this.refresh();
    return this.servers.get(serverId);
  }

  /**
   * Re-reads the list when its fingerprint changed (or always with `force`). Concurrent calls share
   * one read; a forced call during a read schedules one more. Never rejects: a failure is logged
   * and the previous list stays.
   */
  refresh(force = false): Promise<void> {
    if (force) this.forceNext = true;
    if (this.refreshing) {
      if (!force) return this.refreshing;
      return this.refreshing.then(() => this.refresh(this.forceNext));
    }
    const run = this.reload()
      .catch((err: unknown) => this.logger.error({ err }, 'server list refresh failed'))
      .finally(() => (this.refreshing = null));
    this.refreshing = run;
    return run;
  }

  private async reload(): Promise<void> {
    const force = this.forceNext;
    this.forceNext = false;
    const fingerprint = await this.serversService.listFingerprint();
    if (!force && fingerprint === this.fingerprint) return;
    const next = new Map<string, ServerMeta>();
    for (let offset = 0; ; offset += PAGE) {
      const { items, total } = await this.serversService.list({
        sort: 'displayOrder',
        order: 'asc',
        limit: PAGE,
        offset,
      });
      for (const view of items) next.set(view.id, toServerMeta(view));
      if (items.length < PAGE || offset + PAGE >= total) break;
    }
    const changed = [...next.values()].filter((m) => !sameMeta(this.servers.get(m.id), m)).map((m) => m.id);
    const removed = [...this.servers.keys()].filter((id) => !next.has(id));
    this.servers = next;
    this.fingerprint = fingerprint;
    if (changed.length > 0 || removed.length > 0) this.notify({ kind: 'servers', changed, removed });
  }

  /** Re-reads one server after `server.updated`; order changes wait for the next fingerprint refresh. */
  private async reloadOne(serverId: string): Promise<void> {
    try {
      const view = await this.serversService.get(serverId).catch((err: unknown) => {
        if (err instanceof NotFoundException) return null;
        throw err;
      });
      if (!view) {
        if (this.servers.delete(serverId)) this.notify({ kind: 'servers', changed: [], removed: [serverId] });
        return;
      }
      const meta = toServerMeta(view);
      const known = this.servers.has(serverId);
      if (known && sameMeta(this.servers.get(serverId), meta)) return;
      this.servers.set(serverId, meta);
      this.notify({ kind: 'servers', changed: [serverId], removed: [] });
    } catch (err) {
      this.logger.error({ err, serverId }, 'server refresh failed');
    }
  }

  private setPresence(serverId: string, online: boolean, at: number): void {
    if (online) this.online.add(serverId);
    else this.online.delete(serverId);
    this.notify({ kind: 'presence', serverId, online, at });
  }

  private notify(change: DirectoryChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.logger.error({ err, change: change.kind }, 'directory listener failed');
      }
    }
  }
}

function sameMeta(a: ServerMeta | undefined, b: ServerMeta): boolean {
  if (!a) return false;
  // lastSeenAt is written by the gateway all the time and is not a reason for an update frame
  return JSON.stringify({ ...a, lastSeenAt: 0 }) === JSON.stringify({ ...b, lastSeenAt: 0 });
}
