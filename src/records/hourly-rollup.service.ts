import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/auth/clock.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { emptyValues, mergeValues, type RecordValues } from './record-values.js';
import { RecordStore } from './record.store.js';
import { SeriesRegistry, type SeriesInfo } from './series.registry.js';
import { HOUR_MS } from './time-units.js';
import { RecordsWriteQueue } from './write-queue.js';

const BATCH = 200;

/**
 * Rolls minute rows into hourly rows. Every minute write marks its hour dirty; this rolls each
 * dirty, ended hour from all of its minute rows and upserts the result, so rolling an hour again
 * (after a backfill, or twice) yields the same row.
 */
@Injectable()
export class HourlyRollupService {
  private readonly logger = new Logger(HourlyRollupService.name);

  constructor(
    private readonly store: RecordStore,
    private readonly series: SeriesRegistry,
    private readonly queue: RecordsWriteQueue,
    private readonly clock: Clock,
  ) {}

  /** Rolls up every dirty hour that has ended; returns how many hourly rows were written. */
  async rollUpDirty(): Promise<number> {
    const currentHour = Math.floor(this.clock.now() / HOUR_MS);
    let written = 0;
    for (;;) {
      const batch = await this.store.dirtyHours(currentHour, BATCH);
      if (batch.length === 0) break;
      written += await this.queue.run(() =>
        this.store.transaction(async (m) => {
          let n = 0;
          for (const { seriesId, hour } of batch) {
            const s = await this.series.findById(seriesId, m);
            if (s && (await this.rollUp(m, s, hour))) n++;
            await this.store.clearDirty(m, seriesId, hour);
          }
          return n;
        }),
      );
      // Let ingest and requests run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (written > 0) this.logger.debug(`rolled up ${written} hour(s)`);
    return written;
  }

  /** The hour folded from minute rows (oldest first, so counters keep the last minute's value). */
  async hourFromMinutes(s: SeriesInfo, hour: number, m?: EntityManager): Promise<RecordValues | null> {
    const rows = await this.store.range('minute', s.id, hour * 60, hour * 60 + 59, m);
    if (rows.length === 0) return null;
    let acc = emptyValues();
    for (const r of rows) {
      try {
        acc = mergeValues(acc, decodeRecord(r.n, r.data, s.labels), true);
      } catch (err) {
        // One unreadable minute must not block the roll-up of every hour after it.
        this.logger.error({ err, serverId: s.serverId, minute: r.at }, 'skipping unreadable minute row');
      }
    }
    return acc;
  }

  private async rollUp(m: EntityManager, s: SeriesInfo, hour: number): Promise<boolean> {
    // Minute rows past retention are gone: keep the hourly row already written for that hour.
    const values = await this.hourFromMinutes(s, hour, m);
    if (!values) return false;
    let data: Buffer;
    try {
      data = encodeRecord(values, (label) => this.series.labelIndex(s, label));
    } catch (err) {
      this.logger.error(
        { err, serverId: s.serverId, hour },
        'hour holds a value the record format cannot store',
      );
      return false;
    }
    await this.store.upsert(m, 'hour', [{ seriesId: s.id, at: hour, n: values.n, data }]);
    return true;
  }
}
