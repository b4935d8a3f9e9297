import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { TransactionRunner } from '../database/transaction-runner.js';
import type { RecordsService } from '../records/records.service.js';
import { makeSample } from '../records/samples.test-helper.js';
import { TrafficMeterService } from './traffic-meter.service.js';
import { TrafficWriter } from './traffic.writer.js';

const T = Date.UTC(2030, 4, 10, 12, 0, 0);
const DAY = 86_400_000;
const eth0 = (rx: number, tx: number) => [
  { name: 'eth0', downloadMbps: 0, uploadMbps: 0, rxBytes: rx, txBytes: tx },
];

/** A database that fails the next N transactions and records the byte rows and counters written. */
class FakeDb {
  failures = 0;
  runs = 0;
  byteRows: { table: string; params: unknown[] }[] = [];
  states: { serverId: string; counters: unknown }[] = [];

  readonly tx = {
    run: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      this.runs++;
      const rows: { table: string; params: unknown[] }[] = [];
      const states: { serverId: string; counters: unknown }[] = [];
      const m = {
        connection: { options: { type: 'better-sqlite3' } },
        query: (sql: string, params: unknown[]) => {
          rows.push({ table: /INSERT INTO "(\w+)"/.exec(sql)?.[1] ?? '?', params });
          return Promise.resolve();
        },
        upsert: (_entity: unknown, list: { serverId: string; counters: unknown }[]) => {
          states.push(...list);
          return Promise.resolve();
        },
      } as unknown as EntityManager;
      const result = await work(m);
      if (this.failures > 0) {
        this.failures--;
        throw new Error('database is locked');
      }
      this.byteRows.push(...rows);
      this.states.push(...states);
      return result;
    },
  };
}

function setUp() {
  const db = new FakeDb();
  const meter = new TrafficMeterService(
    { find: () => Promise.resolve([]) } as never,
    { onSample: () => () => undefined } as unknown as RecordsService,
  );
  const clock = { now: () => T };
  const writer = new TrafficWriter(meter, {} as never, db.tx as unknown as TransactionRunner, clock);
  return { db, meter, writer };
}

describe('TrafficWriter', () => {
  it('keeps the bytes and counters of a failed flush and writes them with the next one', async () => {
    const { db, meter, writer } = setUp();
    meter.ingest(makeSample({ serverId: 's', time: T, interfaces: eth0(1000, 500) }));
    meter.ingest(makeSample({ serverId: 's', time: T + 5000, interfaces: eth0(4000, 700) }));

    db.failures = 1;
    await writer.flush();
    expect(db.byteRows).toEqual([]);
    expect(meter.unwritten('s', T - DAY, T + DAY)).toEqual({ inBytes: 3000, outBytes: 200 });

    meter.ingest(makeSample({ serverId: 's', time: T + 10_000, interfaces: eth0(4500, 800) }));
    await writer.flush();
    const daily = db.byteRows.find((r) => r.table === 'traffic_daily');
    expect(daily?.params).toEqual(['s', Math.floor(T / DAY) * DAY, 3500, 300]);
    expect(db.states).toEqual([expect.objectContaining({ serverId: 's', counters: { eth0: [4500, 800] } })]);
    expect(meter.unwritten('s', T - DAY, T + DAY)).toEqual({ inBytes: 0, outBytes: 0 });

    const runs = db.runs;
    await writer.flush(); // nothing new: no transaction at all
    expect(db.runs).toBe(runs);
  });
});
