import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../common/auth/clock.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { MinuteBucketWriter, type RecordsFlushed } from './minute-bucket.writer.js';
import type { RecordStore, RowToWrite, StoredRow } from './record.store.js';
import { decodeRecord } from './record-codec.js';
import { GAUGES } from './metric-catalog.js';
import type { SeriesInfo, SeriesRegistry } from './series.registry.js';
import { makeSample } from './samples.test-helper.js';
import { RecordsWriteQueue } from './write-queue.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const S = '00000000-0000-4000-8000-000000000001';

function setup() {
  let now = T0;
  const clock: Pick<Clock, 'now'> = { now: () => now };
  const written: RowToWrite[] = [];
  const stored: StoredRow[] = [];
  let failNext = false;
  const series = new Map<string, SeriesInfo>();
  const seriesOf = (serverId: string): SeriesInfo => {
    let info = series.get(serverId);
    if (!info) {
      info = { id: series.size + 1, serverId, labels: [], index: new Map(), labelsChanged: false };
      series.set(serverId, info);
    }
    return info;
  };
  const store = {
    transaction: (work: (m: EntityManager) => Promise<unknown>) => {
      if (!failNext) return work({} as EntityManager);
      failNext = false;
      return Promise.reject(new Error('database is locked'));
    },
    minutesAt: (_m: unknown, minute: number, ids: number[]) =>
      Promise.resolve(stored.filter((r) => r.at === minute && ids.includes(r.seriesId))),
    upsert: (_m: unknown, _t: unknown, rows: RowToWrite[]) => Promise.resolve(void written.push(...rows)),
    markDirty: () => Promise.resolve(),
  } as unknown as RecordStore;
  const registry = {
    ensure: (_m: unknown, ids: string[]) => Promise.resolve(new Map(ids.map((id) => [id, seriesOf(id)]))),
    labelIndex: (s: SeriesInfo, l: string) => (s.index.has(l) ? s.index.get(l)! : s.labels.push(l) - 1),
    saveLabels: () => Promise.resolve(),
    invalidate: () => undefined,
  } as unknown as SeriesRegistry;
  const agg = new MinuteBucketAggregator();
  const writer = new MinuteBucketWriter(agg, store, registry, new RecordsWriteQueue(), clock);
  return {
    agg,
    writer,
    written,
    seriesOf,
    setNow: (t: number) => (now = t),
    failNext: () => (failNext = true),
    storeRow: (row: StoredRow) => stored.push(row),
  };
}

describe('MinuteBucketWriter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('writes closed minutes only, then announces the settled seq', async () => {
    const { agg, writer, written, setNow } = setup();
    const events: RecordsFlushed[] = [];
    writer.onFlushed((e) => events.push(e));
    agg.ingest(makeSample({ serverId: S, time: T0 + 10_000, seq: 7 }));
    agg.ingest(makeSample({ serverId: S, time: T0 + 62_000, seq: 8 }));
    setNow(T0 + 66_000);
    await writer.flushClosed();
    expect(written.map((r) => r.at)).toEqual([T0 / 60_000]);
    expect(events).toEqual([{ at: T0 + 66_000, rows: 1, settled: [{ serverId: S, seq: 7 }] }]);
  });

  it('writes every bucket, the open minute too, when the hub shuts down', async () => {
    const { agg, writer, written } = setup();
    agg.ingest(makeSample({ serverId: S, time: T0 + 1_000 }));
    agg.ingest(makeSample({ serverId: S, time: T0 + 2_000 }));
    await writer.beforeApplicationShutdown();
    expect(written).toHaveLength(1);
    expect(written[0]!.n).toBe(2);
    expect(agg.size()).toBe(0);
  });

  it('keeps the buckets in memory when the write fails and writes them next time', async () => {
    const { agg, writer, written, setNow, failNext } = setup();
    agg.ingest(makeSample({ serverId: S, time: T0 + 1_000, seq: 1 }));
    setNow(T0 + 70_000);
    failNext();
    await expect(writer.flushClosed()).rejects.toThrow('database is locked');
    expect(agg.size()).toBe(1);
    await writer.flushClosed();
    expect(written).toHaveLength(1);
  });

  it('drops the one bucket the record format refuses and still writes, and settles, every other', async () => {
    const { agg, writer, written, seriesOf, setNow } = setup();
    const events: RecordsFlushed[] = [];
    writer.onFlushed((e) => events.push(e));
    const good = '00000000-0000-4000-8000-000000000002';
    // 1e300 cannot come through the protocol any more; the writer must survive it anyway.
    agg.ingest(makeSample({ serverId: S, time: T0 + 1_000, seq: 4, cpuPercent: 1e300 }));
    agg.ingest(makeSample({ serverId: good, time: T0 + 1_000, seq: 9, cpuPercent: 30 }));
    setNow(T0 + 70_000);
    await expect(writer.flushClosed()).resolves.not.toBeNull();
    expect(written.map((r) => r.seriesId)).toEqual([seriesOf(good).id]);
    const cpu = GAUGES.findIndex((g) => g.key === 'cpu');
    expect(decodeRecord(written[0]!.n, written[0]!.data, seriesOf(good).labels).avg[cpu]).toBe(30);
    // Not put back (it would fail at every flush) and acknowledged, so the agent stops re-sending it.
    expect(agg.size()).toBe(0);
    expect(events[0]!.settled).toEqual(
      expect.arrayContaining([
        { serverId: S, seq: 4 },
        { serverId: good, seq: 9 },
      ]),
    );
  });

  it('replaces a stored minute row it cannot read instead of failing every flush', async () => {
    const { agg, writer, written, seriesOf, setNow, storeRow } = setup();
    storeRow({ seriesId: seriesOf(S).id, at: T0 / 60_000, n: 3, data: Uint8Array.from([0xff, 0xff]) });
    agg.ingest(makeSample({ serverId: S, time: T0 + 1_000, cpuPercent: 12 }));
    setNow(T0 + 70_000);
    await writer.flushClosed();
    expect(written).toHaveLength(1);
    expect(written[0]!.n).toBe(1);
  });
});
