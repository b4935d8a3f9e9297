import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import { LastRecords } from './last-records.service.js';
import { COUNTERS, GAUGES } from './metric-catalog.js';
import { MinuteBucketWriter } from './minute-bucket.writer.js';
import { RecordsService } from './records.service.js';
import { makeSample } from './samples.test-helper.js';
import { insertServer } from './servers.test-helper.js';

const H = Date.UTC(2030, 0, 1, 12, 0, 0); // minute H/60000 is 0 mod 5: slow values are kept at minute 4
const cpu = GAUGES.findIndex((g) => g.key === 'cpu');
const uptime = COUNTERS.findIndex((c) => c.key === 'uptime');

describe('the newest stored minute of every server (SQLite)', () => {
  let hub: TestApp;
  let now = H;
  let records: RecordsService;
  let writer: MinuteBucketWriter;
  let last: LastRecords;
  let ds: DataSource;

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    records = hub.app.get(RecordsService);
    writer = hub.app.get(MinuteBucketWriter);
    last = hub.app.get(LastRecords);
    ds = hub.app.get(DataSource);
  });
  afterAll(async () => {
    await hub.close();
  });

  it("reads each server's newest minute, with filesystems and counters from its newest slow minute", async () => {
    const a = await insertServer(ds, 'a');
    const b = await insertServer(ds, 'b');
    const quiet = await insertServer(ds, 'quiet');
    // a: minutes 0..7 (slow values kept at minute 4), cpu = minute × 10; b: minute 0 only
    for (let m = 0; m < 8; m++)
      records.ingest(
        makeSample({ serverId: a, time: H + m * 60_000 + 1_000, cpuPercent: m * 10, uptimeSeconds: 100 + m }),
      );
    records.ingest(makeSample({ serverId: b, time: H + 1_000, cpuPercent: 55 }));
    now = H + 9 * 60_000;
    await writer.flushClosed();

    const spy = jest.spyOn(ds, 'query');
    const all = await last.all();
    expect(spy).toHaveBeenCalledTimes(1); // one statement for every server
    spy.mockRestore();

    const ofA = all.get(a)!;
    expect(ofA.minute).toBe(H / 60_000 + 7);
    expect(ofA.values.avg[cpu]).toBe(70);
    expect(ofA.values.disks).toEqual(
      new Map([
        ['disk:/', 40],
        ['disk:/data', 20],
      ]),
    );
    expect(ofA.values.counters[uptime]).toBe(104);
    // b never reached a slow minute: no filesystem usage, no counters, but its figures
    const ofB = all.get(b)!;
    expect(ofB.values.avg[cpu]).toBe(55);
    expect(ofB.values.disks.size).toBe(0);
    expect(all.has(quiet)).toBe(false);
  });
});
