import { Injectable } from '@nestjs/common';
import { MinuteBucket } from './minute-bucket.js';
import type { Sample } from './sample.js';
import { MINUTE_MS } from './time-units.js';

interface ServerBuckets {
  buckets: Map<number, MinuteBucket>;
  /** seq of the latest sample ingested with one (samples arrive in outbox order). */
  lastSeq: number | null;
}

/**
 * Folds samples into per-(server, minute) buckets in memory until the writer takes them.
 * A sample for a minute that was already taken (late or backfilled) opens a new bucket; the
 * writer merges it with the stored row.
 */
@Injectable()
export class MinuteBucketAggregator {
  private readonly servers = new Map<string, ServerBuckets>();

  /** Hot path: synchronous, O(1), allocates only when a new bucket opens. */
  ingest(sample: Sample): void {
    const minute = Math.floor(sample.time / MINUTE_MS);
    let entry = this.servers.get(sample.serverId);
    if (!entry) {
      entry = { buckets: new Map(), lastSeq: null };
      this.servers.set(sample.serverId, entry);
    }
    let bucket = entry.buckets.get(minute);
    if (!bucket) {
      bucket = new MinuteBucket(sample.serverId, minute);
      entry.buckets.set(minute, bucket);
    }
    bucket.fold(sample);
    if (sample.seq !== undefined) entry.lastSeq = sample.seq;
  }

  /** Removes and returns the buckets whose minute ended at least `graceMs` before `now`. */
  takeClosed(now: number, graceMs: number): MinuteBucket[] {
    const openFrom = Math.floor((now - graceMs) / MINUTE_MS);
    return this.take((minute) => minute < openFrom);
  }

  /** Removes and returns every bucket (shutdown). */
  takeAll(): MinuteBucket[] {
    return this.take(() => true);
  }

  /** Puts buckets back after a failed write, merging with any that opened meanwhile. */
  putBack(buckets: readonly MinuteBucket[]): void {
    for (const b of buckets) {
      let entry = this.servers.get(b.serverId);
      if (!entry) {
        entry = { buckets: new Map(), lastSeq: null };
        this.servers.set(b.serverId, entry);
      }
      const existing = entry.buckets.get(b.minute);
      if (existing) existing.absorb(b);
      else entry.buckets.set(b.minute, b);
    }
  }

  /** Unwritten buckets of one server within [fromMinute, toMinute], oldest first (live history). */
  pending(serverId: string, fromMinute: number, toMinute: number): MinuteBucket[] {
    const entry = this.servers.get(serverId);
    if (!entry) return [];
    return [...entry.buckets.values()]
      .filter((b) => b.minute >= fromMinute && b.minute <= toMinute)
      .sort((a, b) => a.minute - b.minute);
  }

  /**
   * The highest seq such that every sample ingested with a seq up to it has left memory.
   * Called by the writer right after a commit, when "left memory" means "on disk".
   */
  settledSeq(serverId: string): number | null {
    const entry = this.servers.get(serverId);
    if (!entry || entry.lastSeq === null) return null;
    let lowest = Infinity;
    for (const b of entry.buckets.values()) if (b.minSeq < lowest) lowest = b.minSeq;
    return lowest === Infinity ? entry.lastSeq : lowest - 1;
  }

  /** Buckets held in memory (health and tests). */
  size(): number {
    let n = 0;
    for (const e of this.servers.values()) n += e.buckets.size;
    return n;
  }

  private take(selected: (minute: number) => boolean): MinuteBucket[] {
    const out: MinuteBucket[] = [];
    for (const entry of this.servers.values()) {
      for (const [minute, bucket] of entry.buckets) {
        if (!selected(minute)) continue;
        out.push(bucket);
        entry.buckets.delete(minute);
      }
    }
    return out;
  }
}
