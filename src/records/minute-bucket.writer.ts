import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/auth/clock.js';
import type { MinuteBucket } from './minute-bucket.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { encodeRecord, decodeRecord } from './record-codec.js';
import { keepsSlowValues } from './metric-catalog.js';
import { dropSlowValues, mergeValues } from './record-values.js';
import { RecordStore, type RowToWrite, type StoredRow } from './record.store.js';
import { type SeriesInfo, SeriesRegistry } from './series.registry.js';
import { FLUSH_GRACE_MS, HOUR_MS, MINUTE_MS } from './time-units.js';
import { RecordsWriteQueue } from './write-queue.js';

/** What one committed flush made durable. */
export interface RecordsFlushed {
  /** Epoch ms of the commit. */
  at: number;
  /** Minute rows written (new or merged). */
  rows: number;
  /**
   * Per server, the highest outbox seq such that it and every seq before it are on disk: what the
   * agent gateway acknowledges. Only servers whose samples carried a seq appear.
   */
  settled: { serverId: string; seq: number }[];
}

export type FlushListener = (event: RecordsFlushed) => void;

/**
 * Writes closed minute buckets in one transaction per flush, merging with rows already on disk
 * (late and backfilled samples) and marking their hours for roll-up. A failed write puts the
 * buckets back in memory, so a locked or full disk delays samples instead of losing them.
 */
@Injectable()
export class MinuteBucketWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MinuteBucketWriter.name);
  private readonly listeners = new Set<FlushListener>();

  constructor(
    private readonly aggregator: MinuteBucketAggregator,
    private readonly store: RecordStore,
    private readonly series: SeriesRegistry,
    private readonly queue: RecordsWriteQueue,
    private readonly clock: Clock,
  ) {}

  /** Subscribes to committed flushes; returns the unsubscribe function. */
  onFlushed(listener: FlushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes every bucket whose minute ended more than the grace period ago. */
  flushClosed(): Promise<RecordsFlushed | null> {
    return this.queue.run(() => this.write(this.aggregator.takeClosed(this.clock.now(), FLUSH_GRACE_MS)));
  }

  /** Writes every bucket, open or not (shutdown). */
  flushAll(): Promise<RecordsFlushed | null> {
    return this.queue.run(() => this.write(this.aggregator.takeAll()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const result = await this.flushAll().catch((err: unknown) => {
      this.logger.error({ err }, 'could not write minute buckets at shutdown');
      return null;
    });
    if (result) this.logger.log(`wrote ${result.rows} minute row(s) at shutdown`);
  }

  private async write(buckets: MinuteBucket[]): Promise<RecordsFlushed | null> {
    if (buckets.length === 0) return null;
    try {
      await this.store.transaction((m) => this.persist(m, buckets));
    } catch (err) {
      this.series.invalidate();
      this.aggregator.putBack(buckets);
      this.logger.error({ err, buckets: buckets.length }, 'minute flush failed; buckets kept in memory');
      throw err;
    }
    const event: RecordsFlushed = { at: this.clock.now(), rows: buckets.length, settled: [] };
    for (const serverId of new Set(buckets.map((b) => b.serverId))) {
      const seq = this.aggregator.settledSeq(serverId);
      if (seq !== null) event.settled.push({ serverId, seq });
    }
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.logger.error({ err }, 'flush listener failed');
      }
    }
    return event;
  }

  private async persist(m: EntityManager, buckets: MinuteBucket[]): Promise<void> {
    const series = await this.series.ensure(m, [...new Set(buckets.map((b) => b.serverId))]);
    const byMinute = new Map<number, MinuteBucket[]>();
    for (const b of buckets) {
      const list = byMinute.get(b.minute);
      if (list) list.push(b);
      else byMinute.set(b.minute, [b]);
    }
    const rows: RowToWrite[] = [];
    const dirty = new Map<string, { seriesId: number; hour: number }>();
    for (const [minute, list] of byMinute) {
      const ids = list.map((b) => series.get(b.serverId)!.id);
      const stored = new Map((await this.store.minutesAt(m, minute, ids)).map((r) => [r.seriesId, r]));
      for (const b of list) {
        const s = series.get(b.serverId)!;
        if (b.droppedLabels > 0) this.series.noteDroppedLabels(b.serverId, b.droppedLabels);
        const row = this.pack(b, s, stored.get(s.id));
        if (!row) continue;
        rows.push(row);
        const hour = Math.floor((minute * MINUTE_MS) / HOUR_MS);
        dirty.set(`${s.id}:${hour}`, { seriesId: s.id, hour });
      }
    }
    await this.series.saveLabels(m, series.values());
    await this.store.upsert(m, 'minute', rows);
    await this.store.markDirty(m, [...dirty.values()]);
  }

  /**
   * One bucket as a row, merged with the stored row of its minute. A bucket that cannot be packed
   * (a value the record format refuses) is logged and dropped here, so one server never stops
   * the flush of all others, nor retries forever; a stored row that cannot be read is replaced.
   */
  private pack(b: MinuteBucket, s: SeriesInfo, old: StoredRow | undefined): RowToWrite | null {
    let values = b.toValues();
    if (!keepsSlowValues(b.minute)) dropSlowValues(values);
    if (old) {
      try {
        values = mergeValues(decodeRecord(old.n, old.data, s.labels), values, false);
      } catch (err) {
        this.logger.error(
          { err, serverId: b.serverId, minute: b.minute },
          'stored minute row is unreadable; replacing it with the new samples',
        );
      }
    }
    try {
      const data = encodeRecord(values, (label) => this.series.labelIndex(s, label));
      return { seriesId: s.id, at: b.minute, n: values.n, data };
    } catch (err) {
      this.logger.error(
        { err, serverId: b.serverId, minute: b.minute, samples: b.n },
        'minute bucket holds a value the record format cannot store; dropped',
      );
      return null;
    }
  }
}
