import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource, EntityManager } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import { HourlyRollupService } from './hourly-rollup.service.js';
import { historyQuerySchema } from './dto/history-query.dto.js';
import { HistoryService } from './history.service.js';
import { GAUGES, MAX_LABELS_PER_SERVER } from './metric-catalog.js';
import { RecordSeries } from './record-series.entity.js';
import { MinuteBucketWriter } from './minute-bucket.writer.js';
import { decodeRecord } from './record-codec.js';
import { RecordStore } from './record.store.js';
import { RecordsService } from './records.service.js';
import { RetentionService } from './retention.service.js';
import { SeriesRegistry } from './series.registry.js';
import { makeSample } from './samples.test-helper.js';
import { insertServer } from './servers.test-helper.js';

const H = Date.UTC(2030, 0, 1, 12, 0, 0);
const cpu = GAUGES.findIndex((g) => g.key === 'cpu');
const core = GAUGES.findIndex((g) => g.key === 'cpuCoreMax');

describe('records on a migrated SQLite database', () => {
  let hub: TestApp;
  let now = H;
  let records: RecordsService;
  let writer: MinuteBucketWriter;
  let rollup: HourlyRollupService;
  let store: RecordStore;
  let registry: SeriesRegistry;
  let ds: DataSource;

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    records = hub.app.get(RecordsService);
    writer = hub.app.get(MinuteBucketWriter);
    rollup = hub.app.get(HourlyRollupService);
    store = hub.app.get(RecordStore);
    registry = hub.app.get(SeriesRegistry);
    ds = hub.app.get(DataSource);
  });
  afterAll(async () => {
    await hub.close();
  });

  async function minuteRow(serverId: string, minute: number) {
    const s = (await registry.find(serverId))!;
    const [row] = await store.range('minute', s.id, minute, minute);
    return row ? decodeRecord(row.n, row.data, s.labels) : null;
  }
  async function hourRow(serverId: string, hour: number) {
    const s = (await registry.find(serverId))!;
    const [row] = await store.range('hour', s.id, hour, hour);
    return row ? { values: decodeRecord(row.n, row.data, s.labels), raw: Buffer.from(row.data) } : null;
  }

  it('writes the closed minutes of several servers in one transaction and announces the seqs', async () => {
    const a = await insertServer(ds, 'a');
    const b = await insertServer(ds, 'b');
    const events: unknown[] = [];
    const off = records.onFlushed((e) => events.push(e));
    const spy = jest.spyOn(ds, 'transaction');
    for (let i = 0; i < 6; i++) {
      records.ingest(makeSample({ serverId: a, time: H + i * 10_000, cpuPercent: 10 * i, seq: i + 1 }));
      records.ingest(makeSample({ serverId: b, time: H + i * 10_000 }));
    }
    now = H + 66_000;
    await writer.flushClosed();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    off();
    expect(events).toEqual([expect.objectContaining({ rows: 2, settled: [{ serverId: a, seq: 6 }] })]);
    const row = await minuteRow(a, H / 60_000);
    expect(row).toMatchObject({ n: 6 });
    expect(row!.avg[cpu]).toBe(25);
    expect(row!.max[cpu]).toBe(50);
    // Filesystem usage and counters are kept every 5th minute only; this is minute 0 of the hour.
    expect(row!.disks.size).toBe(0);
  });

  it('merges a backfilled sample into a minute and an hour already written', async () => {
    const id = await insertServer(ds, 'backfill');
    now = H;
    for (let i = 0; i < 60; i++)
      records.ingest(makeSample({ serverId: id, time: H + i * 60_000, cpuPercent: 10 }));
    now = H + 3_600_000 + 10_000;
    await writer.flushClosed();
    await rollup.rollUpDirty();
    const before = await hourRow(id, H / 3_600_000);
    expect(before!.values).toMatchObject({ n: 60 });
    expect(before!.values.max[cpu]).toBe(10);

    records.ingest(makeSample({ serverId: id, time: H + 5 * 60_000 + 30_000, cpuPercent: 70, live: false }));
    await writer.flushClosed();
    const minute = await minuteRow(id, H / 60_000 + 5);
    expect(minute).toMatchObject({ n: 2 });
    expect(minute!.avg[cpu]).toBe(40);
    expect(minute!.max[cpu]).toBe(70);
    expect(await rollup.rollUpDirty()).toBe(1);
    const after = await hourRow(id, H / 3_600_000);
    expect(after!.values.n).toBe(61);
    expect(after!.values.max[cpu]).toBe(70);
    expect(after!.values.avg[cpu]).toBeCloseTo((59 * 10 + 40 * 2) / 61, 1);
  });

  it('stores the busiest core (a metric appended to the registry) and serves it as history', async () => {
    const id = await insertServer(ds, 'busy-core');
    const hour = H / 3_600_000 + 8;
    now = hour * 3_600_000;
    for (let i = 0; i < 6; i++)
      records.ingest(makeSample({ serverId: id, time: now + i * 10_000, cpuCoreMaxPercent: 50 + i * 10 }));
    now += 3_600_000 + 10_000;
    await writer.flushClosed();
    await rollup.rollUpDirty();
    const minute = await minuteRow(id, hour * 60);
    expect([minute!.avg[core], minute!.max[core], minute!.avg[cpu]]).toEqual([75, 100, 10]);
    const hourly = await hourRow(id, hour);
    expect([hourly!.values.avg[core], hourly!.values.max[core]]).toEqual([75, 100]);

    const query = historyQuerySchema.parse({
      from: new Date(hour * 3_600_000).toISOString(),
      to: new Date(hour * 3_600_000 + 59_000).toISOString(),
      metrics: 'cpuCoreMax,cpu',
    });
    const history = await hub.app.get(HistoryService).query(id, query);
    expect(history.metrics).toEqual(['cpuCoreMax', 'cpu']);
    expect(history.points[0]).toMatchObject({ cpuCoreMax: { avg: 75, max: 100 }, cpu: { avg: 10, max: 10 } });
  });

  it('rolls an hour up idempotently: a second roll-up writes the same row', async () => {
    const id = await insertServer(ds, 'idempotent');
    const hour = H / 3_600_000 + 5;
    now = hour * 3_600_000;
    for (let i = 0; i < 30; i++)
      records.ingest(
        makeSample({ serverId: id, time: now + i * 120_000, cpuPercent: i, uptimeSeconds: 10 + i }),
      );
    now += 3_600_000 + 10_000;
    await writer.flushClosed();
    await rollup.rollUpDirty();
    const first = await hourRow(id, hour);
    const s = (await registry.find(id))!;
    await store.markDirty(ds.manager, [{ seriesId: s.id, hour }]);
    expect(await rollup.rollUpDirty()).toBe(1);
    const second = await hourRow(id, hour);
    expect(second!.raw.equals(first!.raw)).toBe(true);
    // Minute rows keep counters every 5th minute: the hour's last kept one is minute 54 (sample 27).
    expect(second!.values.counters[0]).toBe(37);
  });

  it('deletes rows past retention in bounded batches', async () => {
    const id = await insertServer(ds, 'old');
    const retention = hub.app.get(RetentionService);
    const start = H - 20 * 86_400_000;
    now = start;
    for (let i = 0; i < 25; i++) records.ingest(makeSample({ serverId: id, time: start + i * 60_000 }));
    now = start + 3_600_000;
    await writer.flushClosed();
    now = H + 10 * 3_600_000;
    retention.batchSize = 10;
    const result = await retention.enforce();
    retention.batchSize = 5_000;
    expect(result.minuteRows).toBeGreaterThanOrEqual(25);
    expect(result.statements).toBeGreaterThanOrEqual(3);
    const s = (await registry.find(id))!;
    expect(await store.range('minute', s.id, 0, 2 ** 31 - 1)).toHaveLength(0);
  });

  it('stops a server at 1,024 labels and stops rewriting its label list once full', async () => {
    const id = await insertServer(ds, 'many-interfaces');
    const interfaces = (from: number) =>
      Array.from({ length: 500 }, (_, i) => ({ name: `veth${from + i}`, downloadMbps: 1, uploadMbps: 1 }));
    const seriesWrites = () =>
      update.mock.calls.filter(([target]) => (target as { name?: string }).name === RecordSeries.name).length;
    const update = jest.spyOn(EntityManager.prototype, 'update');
    // Three minutes of 500 new interface names each.
    const start = H + 40 * 3_600_000;
    for (let m = 0; m < 3; m++)
      records.ingest(makeSample({ serverId: id, time: start + m * 60_000, interfaces: interfaces(m * 500) }));
    now = start + 3 * 60_000 + 10_000;
    await writer.flushClosed();
    const s = (await registry.find(id))!;
    expect(s.labels).toHaveLength(MAX_LABELS_PER_SERVER);
    const stored = await ds.getRepository(RecordSeries).findOneByOrFail({ id: s.id });
    expect(stored.labels).toHaveLength(MAX_LABELS_PER_SERVER);
    // The rest of each sample is stored: the third minute has its gauges and the 24 interfaces that
    // still fitted (filesystems are kept every 5th minute only, so they took no label here).
    const third = await minuteRow(id, start / 60_000 + 2);
    expect(third!.avg[cpu]).toBe(10);
    expect(third!.nets.size).toBe(MAX_LABELS_PER_SERVER - 1000);
    const writesWhenFull = seriesWrites();
    expect(writesWhenFull).toBeGreaterThan(0);

    for (let m = 3; m < 6; m++)
      records.ingest(makeSample({ serverId: id, time: start + m * 60_000, interfaces: interfaces(m * 500) }));
    now = start + 6 * 60_000 + 10_000;
    await writer.flushClosed();
    expect(seriesWrites()).toBe(writesWhenFull);
    update.mockRestore();
    expect((await ds.getRepository(RecordSeries).findOneByOrFail({ id: s.id })).labels).toHaveLength(
      MAX_LABELS_PER_SERVER,
    );
    expect(registry.labelsDropped()).toBeGreaterThanOrEqual(6 * 500 - MAX_LABELS_PER_SERVER);
  });
});
