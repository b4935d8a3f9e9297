import {
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import { HubEvents } from '../common/events/hub-events.js';
import { ListenerSet } from '../common/events/listener-set.js';
import { AppConfig } from '../config/app-config.js';
import type { GroupView } from './dto/group.dto.js';
import type { ServerApiView } from './dto/server.dto.js';
import { GroupsService } from './groups.service.js';
import { CatalogServers } from './catalog-servers.js';
import { ServersService } from './servers.service.js';

const PAGE = 1000;

/** Whether a server's agent is connected, when it was last heard, and since when it is gone (ms). */
export interface ServerPresence {
  online: boolean;
  lastSeenAt: number | null;
  offlineSince: number | null;
}

export type CatalogChange =
  | { kind: 'servers'; changed: string[]; removed: string[] }
  | { kind: 'presence'; serverId: string; online: boolean; at: number };

/** A server group as the catalog keeps it (server counts are counted from the catalog's servers). */
export type CatalogGroup = Omit<GroupView, 'serverCount'>;

/**
 * The hub's in-memory view of its servers: the list (display order, then name), groups, tags and
 * presence, so that live streams, the alert evaluator, history and traffic never query the server
 * table per request, tick or frame.
 *
 * Loaded at bootstrap and kept current from hub events: `server.saved` / `server.deleted` /
 * `group.saved` / `group.deleted` carry the committed change and apply synchronously, so a request
 * that follows an admin change in this process already sees it (and a deleted server is never
 * shown again); `server.updated` (agent facts) re-reads that one server; presence follows
 * `server.online` / `server.offline`. Rows written outside this process's services (tools, tests)
 * are found by a cheap fingerprint check every `live.serversRefreshMs` and when an unknown id is
 * asked for. The catalog is per hub process: with several hub instances the events will have to
 * reach every instance.
 */
@Injectable()
export class ServerCatalog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ServerCatalog.name);
  private readonly servers = new CatalogServers();
  private groupsById = new Map<string, CatalogGroup>();
  private readonly online = new Set<string>();
  private readonly offline = new Map<string, number>();
  /** Last contact (ms) heard in this process; the row's `lastSeenAt` is written only every so often. */
  private readonly seen = new Map<string, number>();
  private readonly listeners = new ListenerSet<CatalogChange>(this.logger, 'catalog listener failed');
  private readonly unsubscribe: (() => void)[] = [];
  private fingerprint: string | null = null;
  private refreshing: Promise<void> | null = null;
  private forceNext = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly serversService: ServersService,
    private readonly groupsService: GroupsService,
    private readonly events: HubEvents,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe.push(
      this.events.on('server.saved', (e) => this.apply([e.server], [])),
      this.events.on('server.deleted', (e) => this.apply([], [e.serverId])),
      this.events.on('server.updated', (e) => void this.reloadOne(e.serverId)),
      this.events.on('group.saved', (e) => this.saveGroup(e.group)),
      this.events.on('group.deleted', (e) => this.deleteGroup(e.groupId)),
      this.events.on('server.online', (e) => {
        this.noteSeen(e.serverId, e.at);
        this.setPresence(e.serverId, true, e.at);
      }),
      this.events.on('server.offline', (e) => this.setPresence(e.serverId, false, e.at)),
    );
    this.timer = setInterval(() => void this.refresh(), this.config.live.serversRefreshMs);
    this.timer.unref();
    await this.refresh(true);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
  }

  /** Returns the function that removes the listener. */
  onChange(listener: (change: CatalogChange) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Every server in list order (display order, then name, then id); a new array after each change. */
  list(): readonly ServerApiView[] {
    return this.servers.ordered();
  }

  get(serverId: string): ServerApiView | undefined {
    return this.servers.get(serverId);
  }

  exists(serverId: string): boolean {
    return this.servers.get(serverId) !== undefined;
  }

  /**
   * The server, looking in the database first when this process does not know it yet (a row written
   * by a tool or another process); rejects when that read fails.
   */
  async find(serverId: string): Promise<ServerApiView | undefined> {
    if (!this.exists(serverId) && !this.servers.wasDeleted(serverId)) await this.readOne(serverId);
    return this.servers.get(serverId);
  }

  /** Throws EntityNotFoundError (404) unless the server exists: for other modules' per-server endpoints. */
  async assertExists(serverId: string): Promise<void> {
    if (!(await this.find(serverId))) throw new EntityNotFoundError('server', serverId);
  }

  /** Groups by display order, then name (as the groups API lists them). */
  groups(): CatalogGroup[] {
    return [...this.groupsById.values()].sort(
      (a, b) => a.displayOrder - b.displayOrder || byCodeUnits(a.name, b.name),
    );
  }

  /** Every tag in use with how many servers carry it, alphabetically. */
  tags(): { tag: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const s of this.servers.ordered())
      for (const tag of s.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => byCodeUnits(a, b)).map(([tag, count]) => ({ tag, count }));
  }

  isOnline(serverId: string): boolean {
    return this.online.has(serverId);
  }

  /**
   * Since when the server's agent is gone, or null while it is online or never connected. A server
   * not back since this hub process started counts as offline since its stored last contact, so a
   * hub restart does not restart the count.
   */
  offlineSince(serverId: string): number | null {
    return this.offline.get(serverId) ?? null;
  }

  /** Last contact with the server's agent (ms): heard in this process, else as stored; null = never. */
  lastSeenAt(serverId: string): number | null {
    const heard = this.seen.get(serverId);
    const stored = this.servers.get(serverId)?.lastSeenAt?.getTime() ?? null;
    if (heard === undefined) return stored;
    return stored === null ? heard : Math.max(heard, stored);
  }

  /** Presence of one server as the REST API and the console show it. */
  presence(serverId: string): ServerPresence {
    return {
      online: this.online.has(serverId),
      lastSeenAt: this.lastSeenAt(serverId),
      offlineSince: this.offline.get(serverId) ?? null,
    };
  }

  /** Last contact per server, as the agent gateway heard it (cheap: memory only). */
  noteSeen(serverId: string, at: number): void {
    if (!this.exists(serverId)) return;
    if (at > (this.seen.get(serverId) ?? 0)) this.seen.set(serverId, at);
  }

  /**
   * Re-reads everything when the fingerprint (row count, newest `updatedAt`) changed, or always with
   * `force`. Concurrent calls share one read; a forced call during a read schedules one more. Never
   * rejects: a failure is logged and the previous view stays.
   */
  refresh(force = false): Promise<void> {
    if (force) this.forceNext = true;
    if (this.refreshing) {
      if (!force) return this.refreshing;
      return this.refreshing.then(() => this.refresh(this.forceNext));
    }
    const run = this.reload()
      .catch((err: unknown) => this.logger.error({ err }, 'server catalog refresh failed'))
      .finally(() => (this.refreshing = null));
    this.refreshing = run;
    return run;
  }

  private async reload(): Promise<void> {
    const force = this.forceNext;
    this.forceNext = false;
    const fingerprint = await this.serversService.listFingerprint();
    if (!force && fingerprint === this.fingerprint) return;
    const since = this.servers.beginRead();
    const [rows, groups] = await Promise.all([this.readAll(), this.groupsService.list()]);
    this.groupsById = new Map(groups.map(({ serverCount: _count, ...g }) => [g.id, g]));
    const { changed, removed } = this.servers.replaceAll(rows, since);
    for (const id of removed) this.forgetPresence(id);
    this.markOfflineSinceLastSeen();
    this.fingerprint = fingerprint;
    if (changed.length > 0 || removed.length > 0) this.notify({ kind: 'servers', changed, removed });
  }

  private async readAll(): Promise<ServerApiView[]> {
    const rows: ServerApiView[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const query = { sort: 'displayOrder', order: 'asc', limit: PAGE, offset } as const;
      const { items, total } = await this.serversService.list(query);
      rows.push(...items);
      if (items.length < PAGE || offset + PAGE >= total) return rows;
    }
  }

  /** Re-reads one server after `server.updated` (its agent's facts changed); a failure is logged. */
  private async reloadOne(serverId: string): Promise<void> {
    await this.readOne(serverId).catch((err: unknown) =>
      this.logger.error({ err, serverId }, 'server refresh failed'),
    );
  }

  /** Reads one server into the catalog (or drops it when its row is gone). */
  private async readOne(serverId: string): Promise<void> {
    const since = this.servers.beginRead();
    const view = await this.serversService.get(serverId).catch((err: unknown) => {
      if (err instanceof NotFoundException) return null;
      throw err;
    });
    const change = this.servers.replaceOne(serverId, view, since);
    if (!change) return;
    if (change.removed.length > 0) this.forgetPresence(serverId);
    this.notify({ kind: 'servers', ...change });
  }

  private apply(saved: ServerApiView[], deleted: string[]): void {
    const change = this.servers.applyCommitted(saved, deleted);
    for (const id of change.removed) this.forgetPresence(id);
    if (change.changed.length > 0 || change.removed.length > 0) this.notify({ kind: 'servers', ...change });
  }

  private saveGroup(group: GroupView): void {
    const { serverCount: _count, ...kept } = group;
    this.groupsById.set(group.id, kept);
  }

  /** The database ungroups the group's servers in the same transaction; so does the catalog. */
  private deleteGroup(groupId: string): void {
    this.groupsById.delete(groupId);
    const ungrouped = this.servers
      .ordered()
      .filter((s) => s.groupId === groupId)
      .map((s) => ({ ...s, groupId: null }));
    if (ungrouped.length > 0) this.apply(ungrouped, []);
  }

  private setPresence(serverId: string, online: boolean, at: number): void {
    if (online) {
      this.online.add(serverId);
      this.offline.delete(serverId);
    } else {
      this.online.delete(serverId);
      this.offline.set(serverId, at);
    }
    this.notify({ kind: 'presence', serverId, online, at });
  }

  private markOfflineSinceLastSeen(): void {
    for (const s of this.servers.ordered()) {
      if (s.lastSeenAt !== null && !this.online.has(s.id) && !this.offline.has(s.id))
        this.offline.set(s.id, s.lastSeenAt.getTime());
    }
  }

  private forgetPresence(serverId: string): void {
    this.online.delete(serverId);
    this.offline.delete(serverId);
    this.seen.delete(serverId);
  }

  private notify(change: CatalogChange): void {
    this.listeners.notify(change, { change: change.kind });
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
