import type { ContainerSnapshot, DockerPort } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { FigureAccumulator } from '../figures/container-figures.js';

const MINUTE_MS = 60_000;

/** One container the hub tracks in memory: its row (to write when `dirty`) and its open minute. */
export interface ContainerEntry {
  readonly serverId: string;
  readonly containerId: string;
  /** The row's integer key; null until the row is written. */
  key: number | null;
  last: ContainerSnapshot;
  firstSeenAt: number;
  lastSeenAt: number;
  removedAt: number | null;
  dirty: boolean;
  bucket: FigureAccumulator | null;
  /** The listing that last named it (see ContainerRegistry.apply). */
  seen: number;
}

/** A closed minute of one container, waiting for the minute writer. */
export interface ClosedBucket {
  entry: ContainerEntry;
  bucket: FigureAccumulator;
}

/** A stored container row, as loaded at start. */
export type SeedRow = Pick<ContainerEntry, 'serverId' | 'containerId' | 'firstSeenAt' | 'lastSeenAt'> & {
  key: number;
  last: ContainerSnapshot;
};

/**
 * Every present container by server, diffed against each `docker-stats`: a new or changed
 * container (or one that came back) is marked dirty, one no longer listed gets `removedAt`, and
 * each sample is folded into its container's open minute. Synchronous and allocation-light: this
 * runs for every `docker-stats` of every server. The rows are written by DockerWriter.
 */
@Injectable()
export class ContainerRegistry {
  private readonly servers = new Map<string, Map<string, ContainerEntry>>();
  private dirty = new Set<ContainerEntry>();
  private closed: ClosedBucket[] = [];
  private listing = 0;

  seed(rows: readonly SeedRow[]): void {
    for (const r of rows) {
      this.serverMap(r.serverId).set(r.containerId, {
        ...r,
        removedAt: null,
        dirty: false,
        bucket: null,
        seen: 0,
      });
    }
  }

  /** Applies one listing of a reachable engine taken at `at` (ms). */
  apply(serverId: string, containers: readonly ContainerSnapshot[], at: number): void {
    const map = this.serverMap(serverId);
    const stamp = ++this.listing;
    const minute = Math.floor(at / MINUTE_MS);
    for (const c of containers) {
      let entry = map.get(c.id);
      if (!entry) {
        entry = {
          serverId,
          containerId: c.id,
          key: null,
          last: c,
          firstSeenAt: at,
          lastSeenAt: at,
          removedAt: null,
          dirty: true,
          bucket: null,
          seen: stamp,
        };
        map.set(c.id, entry);
        this.dirty.add(entry);
      } else {
        if (entry.removedAt !== null || !sameRow(entry.last, c)) this.markDirty(entry);
        entry.removedAt = null;
        entry.last = c;
        if (at > entry.lastSeenAt) entry.lastSeenAt = at;
        entry.seen = stamp;
      }
      if (entry.bucket && entry.bucket.period !== minute) this.close(entry);
      (entry.bucket ??= new FigureAccumulator(minute)).add(c);
    }
    if (map.size === containers.length) return;
    for (const entry of map.values()) {
      if (entry.seen === stamp || entry.removedAt !== null) continue;
      entry.removedAt = at;
      this.markDirty(entry);
      if (entry.bucket) this.close(entry);
    }
  }

  get hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  entries(serverId: string): Iterable<ContainerEntry> {
    return this.servers.get(serverId)?.values() ?? [];
  }

  find(serverId: string, containerId: string): ContainerEntry | undefined {
    return this.servers.get(serverId)?.get(containerId);
  }

  /** Whether the container is present and was listed at or after `since` (ms). */
  seenSince(serverId: string, containerId: string, since: number): boolean {
    const e = this.find(serverId, containerId);
    return e !== undefined && e.removedAt === null && e.lastSeenAt >= since;
  }

  /** Rows to write; each entry is clean again until its next change. */
  takeDirty(): ContainerEntry[] {
    const out = [...this.dirty];
    this.dirty = new Set();
    for (const e of out) e.dirty = false;
    return out;
  }

  /** After a failed write: the rows are written with the next one. */
  putBackDirty(entries: readonly ContainerEntry[]): void {
    for (const e of entries) this.markDirty(e);
  }

  /** After the removal of a container is on disk: it leaves memory (it may come back as new). */
  settleRemoved(entries: readonly ContainerEntry[]): void {
    for (const e of entries) {
      if (e.removedAt === null || e.dirty || e.bucket) continue;
      const map = this.servers.get(e.serverId);
      if (map?.get(e.containerId) === e) map.delete(e.containerId);
    }
  }

  /** Minutes before `beforeMinute` (every minute when undefined, at shutdown). */
  takeClosed(beforeMinute?: number): ClosedBucket[] {
    for (const map of this.servers.values())
      for (const entry of map.values())
        if (entry.bucket && (beforeMinute === undefined || entry.bucket.period < beforeMinute))
          this.close(entry);
    const out = this.closed;
    this.closed = [];
    return out;
  }

  putBackClosed(buckets: readonly ClosedBucket[]): void {
    this.closed.push(...buckets);
  }

  forget(serverId: string): void {
    const map = this.servers.get(serverId);
    if (map) for (const e of map.values()) this.dirty.delete(e);
    this.servers.delete(serverId);
    this.closed = this.closed.filter((b) => b.entry.serverId !== serverId);
  }

  /** Rows deleted by retention leave memory too. */
  dropKeys(keys: ReadonlySet<number>): void {
    for (const map of this.servers.values())
      for (const [id, e] of map) if (e.key !== null && keys.has(e.key)) map.delete(id);
  }

  private markDirty(entry: ContainerEntry): void {
    entry.dirty = true;
    this.dirty.add(entry);
  }

  private close(entry: ContainerEntry): void {
    const bucket = entry.bucket!;
    entry.bucket = null;
    if (bucket.worthKeeping) this.closed.push({ entry, bucket });
  }

  private serverMap(serverId: string): Map<string, ContainerEntry> {
    let map = this.servers.get(serverId);
    if (!map) this.servers.set(serverId, (map = new Map<string, ContainerEntry>()));
    return map;
  }
}

/** The fields a container row keeps (figures and lastSeenAt are written elsewhere). */
function sameRow(a: ContainerSnapshot, b: ContainerSnapshot): boolean {
  return (
    a.state === b.state &&
    a.health === b.health &&
    a.restartCount === b.restartCount &&
    a.exitCode === b.exitCode &&
    a.startedAt === b.startedAt &&
    a.name === b.name &&
    a.image === b.image &&
    a.createdAt === b.createdAt &&
    samePorts(a.ports, b.ports)
  );
}

function samePorts(a: readonly DockerPort[], b: readonly DockerPort[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.privatePort !== y.privatePort || x.publicPort !== y.publicPort) return false;
    if (x.protocol !== y.protocol || x.ip !== y.ip) return false;
  }
  return true;
}
