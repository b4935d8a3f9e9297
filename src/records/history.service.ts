import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import { ServerCatalog } from '../servers/server-catalog.js';
import type { HistoryQuery } from './dto/history-query.dto.js';
import { expandMetrics, toPoint, type HistoryResult } from './history-points.js';
import { BASE_METRICS } from './metric-catalog.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { decodeRecord } from './record-codec.js';
import { mergeValues, type RecordValues } from './record-values.js';
import { RecordStore } from './record.store.js';
import { SeriesRegistry, type SeriesInfo } from './series.registry.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time-units.js';

const AUTO_MINUTE_LIMIT_MS = 48 * HOUR_MS;
const MINUTE_RANGE_MAX_MS = 31 * DAY_MS;

/**
 * History for charts: minute or hourly rows of one server, with the minutes still in memory
 * merged in (charts are live to the minute) and the latest hours computed from minute data
 * until the hourly job has rolled them up.
 */
@Injectable()
export class HistoryService {
  private readonly logger = new Logger(HistoryService.name);

  constructor(
    private readonly servers: ServerCatalog,
    private readonly series: SeriesRegistry,
    private readonly store: RecordStore,
    private readonly aggregator: MinuteBucketAggregator,
    private readonly clock: Clock,
  ) {}

  async query(serverId: string, q: HistoryQuery): Promise<HistoryResult> {
    await this.servers.assertExists(serverId);
    const now = this.clock.now();
    const to = q.to?.getTime() ?? now;
    const from = q.from?.getTime() ?? to - HOUR_MS;
    if (from > to) throw new BadRequestException('from must not be after to');
    const resolution =
      q.resolution === 'auto' ? (to - from <= AUTO_MINUTE_LIMIT_MS ? 'minute' : 'hour') : q.resolution;
    if (resolution === 'minute' && to - from > MINUTE_RANGE_MAX_MS)
      throw new BadRequestException('minute resolution covers at most 31 days; use resolution=hour');

    const series = await this.series.find(serverId);
    const periods =
      resolution === 'minute'
        ? await this.minutes(serverId, series, Math.floor(from / MINUTE_MS), Math.floor(to / MINUTE_MS))
        : await this.hours(serverId, series, Math.floor(from / HOUR_MS), Math.floor(to / HOUR_MS), now);
    const labels = new Set(series?.labels ?? []);
    for (const v of periods.values()) for (const k of [...v.disks.keys(), ...v.nets.keys()]) labels.add(k);
    const metrics = expandMetrics(q.metrics ?? BASE_METRICS, labels);
    const unit = resolution === 'minute' ? MINUTE_MS : HOUR_MS;
    const points = [...periods.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([at, v]) => toPoint(at * unit, v, metrics));
    return { serverId, resolution, from, to, metrics, points };
  }

  /**
   * A stored row that cannot be read (written by a version whose encoder let an out-of-range value
   * through) is a gap in the answer, logged, never a failed query for the whole range.
   */
  private decodeInto(
    out: Map<number, RecordValues>,
    r: { at: number; n: number; data: Uint8Array },
    series: SeriesInfo,
    table: 'minute' | 'hour',
  ): void {
    try {
      out.set(r.at, decodeRecord(r.n, r.data, series.labels));
    } catch (err) {
      this.logger.warn({ err, seriesId: series.id, table, at: r.at }, 'unreadable history row skipped');
    }
  }

  /** Stored minute rows merged with the buckets not written yet. */
  private async minutes(
    serverId: string,
    series: SeriesInfo | null,
    fromMinute: number,
    toMinute: number,
  ): Promise<Map<number, RecordValues>> {
    const out = new Map<number, RecordValues>();
    if (series) {
      for (const r of await this.store.range('minute', series.id, fromMinute, toMinute))
        this.decodeInto(out, r, series, 'minute');
    }
    for (const b of this.aggregator.pending(serverId, fromMinute, toMinute)) {
      const stored = out.get(b.minute);
      out.set(b.minute, stored ? mergeValues(stored, b.toValues(), false) : b.toValues());
    }
    return out;
  }

  private async hours(
    serverId: string,
    series: SeriesInfo | null,
    fromHour: number,
    toHour: number,
    now: number,
  ): Promise<Map<number, RecordValues>> {
    const out = new Map<number, RecordValues>();
    if (series) {
      for (const r of await this.store.range('hour', series.id, fromHour, toHour))
        this.decodeInto(out, r, series, 'hour');
    }
    // The current and previous hour may not be rolled up yet: fold them from minute data.
    const recentFrom = Math.max(fromHour, Math.floor(now / HOUR_MS) - 1);
    if (recentFrom > toHour) return out;
    const minutes = await this.minutes(serverId, series, recentFrom * 60, toHour * 60 + 59);
    const recent = new Map<number, RecordValues>();
    for (const [minute, v] of [...minutes.entries()].sort((a, b) => a[0] - b[0])) {
      const hour = Math.floor(minute / 60);
      const acc = recent.get(hour);
      recent.set(hour, acc ? mergeValues(acc, v, true) : v);
    }
    for (const [hour, v] of recent) out.set(hour, v);
    return out;
  }
}
