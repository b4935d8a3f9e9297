import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import { HistoryService } from './history.service.js';
import { MinuteBucketWriter } from './minute-bucket.writer.js';
import { RecordsService } from './records.service.js';
import { SeriesRegistry } from './series.registry.js';
import { makeSample } from './samples.test-helper.js';
import { insertServer } from './servers.test-helper.js';

const H = Date.UTC(2030, 0, 1, 12, 0, 0);

describe('history over a stored row that cannot be read', () => {
  let hub: TestApp;
  let now = H;

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => hub.close());

  it('answers with the readable minutes, leaving a gap where the row is broken', async () => {
    const ds = hub.app.get(DataSource);
    const id = await insertServer(ds, 'corrupt');
    for (let m = 0; m < 3; m++)
      hub.app
        .get(RecordsService)
        .ingest(makeSample({ serverId: id, time: H + m * 60_000, cpuPercent: 10 + m }));
    now = H + 4 * 60_000;
    await hub.app.get(MinuteBucketWriter).flushClosed();
    const series = (await hub.app.get(SeriesRegistry).find(id))!;
    // What an encoder that let 1e300 through left on disk: a varint that never ends.
    await ds.query('UPDATE minute_records SET data = ? WHERE "seriesId" = ? AND minute = ?', [
      Buffer.alloc(16, 0xff),
      series.id,
      H / 60_000 + 1,
    ]);
    const result = await hub.app.get(HistoryService).query(id, {
      from: new Date(H),
      to: new Date(H + 3 * 60_000 - 1),
      resolution: 'minute',
      metrics: ['cpu'],
    });
    expect(result.points.map((p) => [p.t, p['cpu']])).toEqual([
      [H, { avg: 10, max: 10 }],
      [H + 120_000, { avg: 12, max: 12 }],
    ]);
  });
});
