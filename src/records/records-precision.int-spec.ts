import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import { historyQuerySchema } from './dto/history-query.dto.js';
import { HistoryService } from './history.service.js';
import { GAUGES } from './metric-catalog.js';
import { MinuteBucketWriter } from './minute-bucket.writer.js';
import { decodeRecord } from './record-codec.js';
import { RecordStore } from './record.store.js';
import { RecordsService } from './records.service.js';
import { SeriesRegistry } from './series.registry.js';
import { makeSample } from './samples.test-helper.js';
import { insertServer } from './servers.test-helper.js';

const H = Date.UTC(2030, 0, 2, 12, 0, 0);
const netIn = GAUGES.findIndex((g) => g.key === 'netIn');
const netOut = GAUGES.findIndex((g) => g.key === 'netOut');

describe('network rates and the live minute in stored history', () => {
  let hub: TestApp;
  let now = H;
  let records: RecordsService;
  let history: HistoryService;

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    records = hub.app.get(RecordsService);
    history = hub.app.get(HistoryService);
  });
  afterAll(async () => {
    await hub.close();
  });

  const query = (from: number, to: number, metrics: string) =>
    historyQuerySchema.parse({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      metrics,
      resolution: 'minute',
    });

  /** A quiet host: 10 kbit/s in, 4 kbit/s out, on one interface. */
  const quiet = (serverId: string, time: number) =>
    makeSample({
      serverId,
      time,
      netInMbps: 0.01,
      netOutMbps: 0.004,
      interfaces: [{ name: 'eth0', downloadMbps: 0.01, uploadMbps: 0.004, rxBytes: 1e6, txBytes: 5e5 }],
    });

  it('stores a 10 kbit/s host as 0.01 Mbit/s and a 4 kbit/s one as 0.004, not 0', async () => {
    const id = await insertServer(hub.app.get(DataSource), 'quiet-host');
    now = H;
    for (let i = 0; i < 6; i++) records.ingest(quiet(id, now + i * 10_000));
    now += 60_000 + 10_000;
    await hub.app.get(MinuteBucketWriter).flushClosed();

    const series = (await hub.app.get(SeriesRegistry).find(id))!;
    const [row] = await hub.app.get(RecordStore).range('minute', series.id, H / 60_000, H / 60_000);
    const stored = decodeRecord(row!.n, row!.data, series.labels);
    expect([stored.avg[netIn], stored.avg[netOut]]).toEqual([0.01, 0.004]);
    expect(stored.nets.get('net:eth0')).toEqual({ in: 0.01, out: 0.004 });

    const h = await history.query(id, query(H, H + 59_000, 'netIn,netOut,net:eth0'));
    expect(h.points).toEqual([
      {
        t: H,
        netIn: { avg: 0.01, max: 0.01 },
        netOut: { avg: 0.004, max: 0.004 },
        'net:eth0': { in: 0.01, out: 0.004 },
      },
    ]);
  });

  it('includes the minute still being collected, before anything is written', async () => {
    const id = await insertServer(hub.app.get(DataSource), 'brand-new');
    now = H + 3_600_000 + 5_000;
    records.ingest(makeSample({ serverId: id, time: now, cpuPercent: 33 }));
    now += 10_000;
    records.ingest(makeSample({ serverId: id, time: now, cpuPercent: 55 }));

    expect(await hub.app.get(SeriesRegistry).find(id)).toBeFalsy();
    const h = await history.query(id, query(now - 3_600_000, now, 'cpu'));
    expect(h.points).toEqual([{ t: H + 3_600_000, cpu: { avg: 44, max: 55 } }]);
  });
});
