import type { ServerApiView } from './dto/server.dto.js';

export interface ServerListChange {
  changed: string[];
  removed: string[];
}

/**
 * The server map behind ServerCatalog and the rules that keep it consistent when database reads
 * race with committed changes: a read that began before a committed change never overwrites it,
 * and a server deleted in this process is never brought back by a read that began earlier.
 */
export class CatalogServers {
  private byId = new Map<string, ServerApiView>();
  private sorted: readonly ServerApiView[] | null = [];
  private readonly deleted = new Set<string>();
  /** Per server, the sequence number of the last committed change applied to it. */
  private readonly changedAt = new Map<string, number>();
  private seq = 0;

  /** Marks the start of a database read; pass the result to replaceAll / replaceOne. */
  beginRead(): number {
    return this.seq;
  }

  get(id: string): ServerApiView | undefined {
    return this.byId.get(id);
  }

  wasDeleted(id: string): boolean {
    return this.deleted.has(id);
  }

  /** Display order, then name (case-insensitively), then id: the servers API's `displayOrder` sort. */
  ordered(): readonly ServerApiView[] {
    this.sorted ??= [...this.byId.values()].sort(byDisplayOrder);
    return this.sorted;
  }

  /** Applies changes that are committed (from events): they win over any read in flight. */
  applyCommitted(saved: readonly ServerApiView[], deleted: readonly string[]): ServerListChange {
    const change: ServerListChange = { changed: [], removed: [] };
    for (const server of saved) {
      if (this.deleted.has(server.id)) continue;
      this.changedAt.set(server.id, ++this.seq);
      if (sameServer(this.byId.get(server.id), server)) continue;
      this.byId.set(server.id, server);
      change.changed.push(server.id);
    }
    for (const id of deleted) {
      this.changedAt.set(id, ++this.seq);
      this.deleted.add(id);
      if (this.byId.delete(id)) change.removed.push(id);
    }
    if (change.changed.length > 0 || change.removed.length > 0) this.sorted = null;
    return change;
  }

  /** Replaces the whole map with a full read that began at `since`. */
  replaceAll(rows: readonly ServerApiView[], since: number): ServerListChange {
    const next = new Map<string, ServerApiView>();
    for (const row of rows) {
      if (this.deleted.has(row.id)) continue;
      const kept = this.changedSince(row.id, since) ? this.byId.get(row.id) : row;
      if (kept) next.set(row.id, kept);
    }
    for (const [id, server] of this.byId) {
      if (!next.has(id) && this.changedSince(id, since)) next.set(id, server);
    }
    const changed = [...next.values()].filter((s) => !sameServer(this.byId.get(s.id), s)).map((s) => s.id);
    const removed = [...this.byId.keys()].filter((id) => !next.has(id));
    this.byId = next;
    this.sorted = null;
    return { changed, removed };
  }

  /** Applies a read of one server that began at `since` (null: no such row); null when nothing changed. */
  replaceOne(id: string, row: ServerApiView | null, since: number): ServerListChange | null {
    if (this.deleted.has(id) || this.changedSince(id, since)) return null;
    if (!row) {
      if (!this.byId.delete(id)) return null;
      this.sorted = null;
      return { changed: [], removed: [id] };
    }
    if (sameServer(this.byId.get(id), row)) return null;
    this.byId.set(id, row);
    this.sorted = null;
    return { changed: [id], removed: [] };
  }

  private changedSince(id: string, since: number): boolean {
    return (this.changedAt.get(id) ?? 0) > since;
  }
}

function sameServer(a: ServerApiView | undefined, b: ServerApiView): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function byDisplayOrder(a: ServerApiView, b: ServerApiView): number {
  return a.displayOrder - b.displayOrder || compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** Like the database's `ORDER BY LOWER(x)`: ASCII letters folded, then code-unit order. */
export function compareText(a: string, b: string): number {
  const x = asciiLower(a);
  const y = asciiLower(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
