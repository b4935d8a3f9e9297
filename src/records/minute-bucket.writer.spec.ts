import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../common/auth/clock.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { MinuteBucketWriter, type RecordsFlushed } from './minute-bucket.writer.js';
import type { RecordStore, RowToWrite } from './record.store.js';
import type { SeriesInfo, SeriesRegistry } from './series.registry.js';
import { makeSample } from './test-samples.js';
import { RecordsWriteQueue } from './write-queue.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const S = '00000000-0000-4000-8000-000000000001';

function setup() {
  let now = T0;
  const clock: Pick<Clock, 'now'> = { now: () => now };
  const written: RowToWrite[] = [];
  let failNext = false;
  const series: SeriesInfo = { id: 1, serverId: S, labels: [], index: new Map(), labelsChanged: false };
  const store = {
    transaction: (work: (m: EntityManager) => Promise<unknown>) => {
      if (!failNext) return work({} as EntityManager);
      failNext = false;
      return Promise.reject(new Error('database is locked'));
    },
    minutesAt: () => Promise.resolve([]),
    upsert: (_m: unknown, _t: unknown, rows: RowToWrite[]) => Promise.resolve(void written.push(...rows)),
    markDirty: () => Promise.resolve(),
  } as unknown as RecordStore;
  const registry = {
    ensure: () => Promise.resolve(new Map([[S, series]])),
    labelIndex: (s: SeriesInfo, l: string) => (s.index.has(l) ? s.index.get(l)! : s.labels.push(l) - 1),
    saveLabels: () => Promise.resolve(),
    invalidate: () => undefined,
  } as unknown as SeriesRegistry;
  const agg = new MinuteBucketAggregator();
  const writer = new MinuteBucketWriter(agg, store, registry, new RecordsWriteQueue(), clock);
  return { agg, writer, written, setNow: (t: number) => (now = t), failNext: () => (failNext = true) };
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
});
