import type { MetricsPayload } from '@hivewatch/protocol';
import type { StateFile } from '../state/state-file.js';
import { OutboxFile, type ForeignOutbox, type OutboxEntry } from './outbox-file.js';

export interface OutboxOptions {
  file: OutboxFile;
  state: StateFile;
  /** Samples older than this (by their own timestamp) are dropped, acknowledged or not. */
  retentionMs: number;
  /** Hard cap on entries, whatever their age (a 1 s interval for an hour = 3600). */
  maxEntries?: number;
  /** Rewrite the file once this many of its lines are no longer pending. */
  compactAfter?: number;
  /** Samples of another identity were found (at load or when enrolling) and are never sent. */
  onForeign?: (foreign: ForeignOutbox) => void;
}

/**
 * Samples the hub has not acknowledged yet (protocol.md §1.5): each gets the next `seq`, which stays
 * monotonic across agent restarts (the last one is found again in the state file and the ring file).
 * Only samples recorded under this agent's id are ever replayed (see OutboxFile).
 */
export class Outbox {
  private entries: OutboxEntry[] = [];
  private seq: number;
  private acked: number;
  private readonly maxEntries: number;
  private readonly compactAfter: number;

  constructor(private readonly options: OutboxOptions) {
    this.maxEntries = options.maxEntries ?? 20_000;
    this.compactAfter = options.compactAfter ?? 64;
    const state = options.state.current;
    this.acked = state.ackedSeq ?? 0;
    const { entries: loaded, foreign } = options.file.load();
    if (foreign) options.onForeign?.(foreign);
    this.seq = Math.max(state.seq ?? 0, ...loaded.map((e) => e.seq));
    this.entries = loaded.filter((e) => e.seq > this.acked).sort((a, b) => a.seq - b.seq);
  }

  get lastSeq(): number {
    return this.seq;
  }

  get ackedSeq(): number {
    return this.acked;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Pending samples with a seq above `afterSeq`, oldest first. */
  after(afterSeq: number, limit: number): OutboxEntry[] {
    const out: OutboxEntry[] = [];
    for (const entry of this.entries) {
      if (entry.seq <= afterSeq) continue;
      out.push(entry);
      if (out.length >= limit) break;
    }
    return out;
  }

  get oldestTimestamp(): number | undefined {
    return this.entries[0]?.timestamp;
  }

  /** Numbers the sample, stores it (memory and disk) and returns it. */
  add(payload: Omit<MetricsPayload, 'seq' | 'backfill'>, timestamp: number): OutboxEntry {
    this.seq++;
    const entry: OutboxEntry = {
      seq: this.seq,
      timestamp,
      json: JSON.stringify({ ...payload, seq: this.seq }),
    };
    this.entries.push(entry);
    this.options.file.append(entry);
    this.trim(timestamp);
    return entry;
  }

  /** The hub stored everything up to `seq`. */
  ack(seq: number): void {
    if (seq <= this.acked) return;
    this.acked = Math.min(seq, this.seq);
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.seq <= this.acked) drop++;
    if (drop > 0) this.entries.splice(0, drop);
    this.maybeCompact();
  }

  /** Drops samples past the retention or the cap (oldest first). */
  trim(now: number): void {
    const cutoff = now - this.options.retentionMs;
    let drop = 0;
    while (
      drop < this.entries.length &&
      (this.entries[drop]!.timestamp < cutoff || this.entries.length - drop > this.maxEntries)
    )
      drop++;
    if (drop > 0) this.entries.splice(0, drop);
    this.maybeCompact();
  }

  /**
   * The agent just enrolled as `agentId`: samples taken while it had no id are its own and stay;
   * samples held for a different id (the hub handed out another identity) are dropped, never sent.
   */
  claim(agentId: string): void {
    const previous = this.options.file.owner;
    if (previous === agentId) return;
    if (previous !== null && this.entries.length > 0) {
      this.options.onForeign?.({
        recordedOwner: previous,
        samples: this.entries.length,
        movedTo: '(discarded)',
      });
      this.entries = [];
    }
    this.options.file.claim(agentId);
    this.flush();
  }

  /** Persists the counters and rewrites the file with only the pending samples. */
  flush(): void {
    this.options.state.update({ seq: this.seq, ackedSeq: this.acked });
    this.options.file.rewrite(this.entries);
  }

  private maybeCompact(): void {
    if (this.options.file.lineCount - this.entries.length >= this.compactAfter) this.flush();
  }
}
