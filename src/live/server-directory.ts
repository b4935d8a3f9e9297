import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ListenerSet } from '../common/events/listener-set.js';
import { ServerCatalog, type CatalogChange } from '../servers/server-catalog.js';
import { toServerMeta, type ServerMeta } from './server-state.mapper.js';

export type DirectoryChange = CatalogChange;

/**
 * The live streams' view of the server catalog: each server as the frames describe it
 * (ServerMeta) and who is online, so that no tick and no frame touches the database. Forwards the
 * catalog's changes, leaving out servers whose frame-visible fields did not change.
 */
@Injectable()
export class ServerDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ServerDirectory.name);
  private readonly metas = new Map<string, ServerMeta>();
  private readonly listeners = new ListenerSet<DirectoryChange>(this.logger, 'directory listener failed');
  private off: (() => void) | undefined;

  constructor(private readonly catalog: ServerCatalog) {}

  onModuleInit(): void {
    this.off = this.catalog.onChange((change) => this.onCatalogChange(change));
    for (const view of this.catalog.list()) this.metas.set(view.id, toServerMeta(view));
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  /** Returns the function that removes the listener. */
  onChange(listener: (change: DirectoryChange) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Every known server in list order (display order, then name). */
  *all(): Iterable<ServerMeta> {
    for (const view of this.catalog.list()) {
      const meta = this.metas.get(view.id);
      if (meta) yield meta;
    }
  }

  get(serverId: string): ServerMeta | undefined {
    return this.metas.get(serverId);
  }

  isOnline(serverId: string): boolean {
    return this.catalog.isOnline(serverId);
  }

  offlineSince(serverId: string): number | null {
    return this.catalog.offlineSince(serverId);
  }

  /** The server, looking in the database first when it is not known yet (e.g. created a moment ago). */
  async find(serverId: string): Promise<ServerMeta | undefined> {
    // a failed read is logged and answers "not known", as the streams always treated it
    await this.catalog
      .find(serverId)
      .catch((err: unknown) => this.logger.error({ err, serverId }, 'server lookup failed'));
    return this.metas.get(serverId);
  }

  /** Lets the catalog check for servers written outside this process (see ServerCatalog.refresh). */
  refresh(force = false): Promise<void> {
    return this.catalog.refresh(force);
  }

  private onCatalogChange(change: CatalogChange): void {
    if (change.kind === 'presence') return this.notify(change);
    const changed = change.changed.filter((id) => {
      const view = this.catalog.get(id);
      if (!view) return false;
      const meta = toServerMeta(view);
      const same = sameMeta(this.metas.get(id), meta);
      this.metas.set(id, meta);
      return !same;
    });
    for (const id of change.removed) this.metas.delete(id);
    if (changed.length > 0 || change.removed.length > 0) {
      this.notify({ kind: 'servers', changed, removed: change.removed });
    }
  }

  private notify(change: DirectoryChange): void {
    this.listeners.notify(change, { change: change.kind });
  }
}

function sameMeta(a: ServerMeta | undefined, b: ServerMeta): boolean {
  if (!a) return false;
  // lastSeenAt is written by the gateway all the time and is not a reason for an update frame
  return JSON.stringify({ ...a, lastSeenAt: 0 }) === JSON.stringify({ ...b, lastSeenAt: 0 });
}
