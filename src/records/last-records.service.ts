import { Injectable, Logger } from '@nestjs/common';
import { decodeRecord } from './record-codec.js';
import type { RecordValues } from './record-values.js';
import { RecordStore, type NewestMinuteRow } from './record.store.js';

/** The newest stored minute of a server: what it last reported, as the records keep it. */
export interface LastRecord {
  /** Unix minute of the newest row. */
  minute: number;
  /**
   * That row's values; filesystem usage and counters, which minute rows keep only every
   * SLOW_EVERY_MINUTES minutes, come from the newest of the last two such rows that has them.
   */
  values: RecordValues;
}

/**
 * Read side of the records for the live streams: the newest stored minute of every server, so a
 * hub that just started can show an offline server's last figures (read once at start, one query).
 */
@Injectable()
export class LastRecords {
  private readonly logger = new Logger(LastRecords.name);

  constructor(private readonly store: RecordStore) {}

  async all(): Promise<Map<string, LastRecord>> {
    const rows = await this.store.newestMinutes();
    const byServer = new Map<string, NewestMinuteRow[]>();
    for (const r of rows) {
      const list = byServer.get(r.serverId);
      if (list) list.push(r);
      else byServer.set(r.serverId, [r]);
    }
    const out = new Map<string, LastRecord>();
    for (const [serverId, list] of byServer) {
      const last = this.fold(list.sort((a, b) => b.at - a.at));
      if (last) out.set(serverId, last);
    }
    return out;
  }

  /** Rows newest first; an unreadable row is skipped and logged, as history does. */
  private fold(rows: readonly NewestMinuteRow[]): LastRecord | null {
    let last: LastRecord | null = null;
    for (const r of rows) {
      let v: RecordValues;
      try {
        v = decodeRecord(r.n, r.data, r.labels);
      } catch (err) {
        this.logger.warn({ err, seriesId: r.seriesId, at: r.at }, 'unreadable minute row skipped');
        continue;
      }
      if (!last) {
        last = { minute: r.at, values: v };
        continue;
      }
      if (last.values.disks.size === 0) for (const [k, usage] of v.disks) last.values.disks.set(k, usage);
      last.values.counters = last.values.counters.map((c, i) => c ?? v.counters[i] ?? null);
    }
    return last;
  }
}
