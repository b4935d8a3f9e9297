#!/usr/bin/env node
// Storage per server-day and history-query latency of the record tables on SQLite, through the
// hub's real aggregator, writer, roll-up, codec and query code (built: run `npm run build` first).
// Usage: node bench/records-storage.mjs [servers=1000] [minuteDays=1] [hourlyDays=30] [samplesPerMinute=12]
// Minute data: every server reports `samplesPerMinute` samples a minute for `minuteDays` days and
// the writer flushes once a minute. Hourly data: the hours rolled up from that minute data are
// repeated back over `hourlyDays` days. Figures are per server-day from SQLite's dbstat.
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const { Logger } = await import('@nestjs/common');
Logger.overrideLogger(['error', 'warn']);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(root, 'dist/src', p));
const { createDataSource } = await dist('database/data-source.js');
const { Server } = await dist('servers/server.entity.js');
const { RecordSeries } = await dist('records/record-series.entity.js');
const { SeriesRegistry } = await dist('records/series.registry.js');
const { RecordStore } = await dist('records/record.store.js');
const { TransactionRunner } = await dist('database/transaction-runner.js');
const { RecordsWriteQueue } = await dist('records/write-queue.js');
const { MinuteBucketAggregator } = await dist('records/minute-bucket.aggregator.js');
const { MinuteBucketWriter } = await dist('records/minute-bucket.writer.js');
const { HourlyRollupService } = await dist('records/hourly-rollup.service.js');
const { HistoryService } = await dist('records/history.service.js');

const [SERVERS = 1000, MINUTE_DAYS = 1, HOURLY_DAYS = 30, PER_MINUTE = 12] = process.argv
  .slice(2)
  .map(Number);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// Deterministic pseudo-random numbers, so runs compare.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const around = (base, spread) => Math.max(0, base + (rnd() - 0.5) * 2 * spread);

function makeHost(i) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    cpu: 5 + rnd() * 50,
    mem: 20 + rnd() * 60,
    swap: rnd() < 0.5 ? 0 : rnd() * 10,
    load: 0.1 + rnd() * 1.2,
    disk: rnd() * 20,
    net: 0.1 + rnd() * 80,
    tcp: 10 + Math.floor(rnd() * 400),
    procs: 100 + Math.floor(rnd() * 300),
    temp: 35 + rnd() * 35,
    gpu: rnd() < 0.1,
    rootUse: 20 + rnd() * 60,
    dataUse: 10 + rnd() * 80,
    rx: Math.floor(rnd() * 1e12),
    tx: Math.floor(rnd() * 1e11),
    bootAt: -Math.floor(rnd() * 90 * DAY),
  };
}

function sample(h, time) {
  const cpu = Math.min(100, around(h.cpu, h.cpu * 0.6));
  const netIn = around(h.net, h.net * 0.8);
  const netOut = around(h.net / 3, h.net / 4);
  h.rx += Math.round((netIn * 1e6 * 5) / 8);
  h.tx += Math.round((netOut * 1e6 * 5) / 8);
  return {
    serverId: h.id,
    time,
    receivedAt: time,
    live: true,
    cpuPercent: cpu,
    memPercent: around(h.mem, 2),
    memUsedGB: 8,
    memTotalGB: 16,
    swapPercent: h.swap,
    load1: around(h.load, h.load * 0.5),
    load5: around(h.load, 0.05),
    load15: around(h.load, 0.02),
    diskReadMBps: rnd() < 0.3 ? around(h.disk, h.disk) : 0,
    diskWriteMBps: around(h.disk / 2, h.disk / 2),
    netInMbps: netIn,
    netOutMbps: netOut,
    uptimeSeconds: Math.floor((time - h.bootAt) / 1000) % 10_000_000,
    processCount: h.procs + Math.floor(rnd() * 5),
    tcpConnections: h.tcp + Math.floor(rnd() * 20),
    udpConnections: 4 + Math.floor(rnd() * 4),
    cpuTemperatureC: around(h.temp, 3),
    disks: [
      {
        mountpoint: '/',
        device: '/dev/sda1',
        fstype: 'ext4',
        totalGB: 100,
        usedGB: h.rootUse,
        usagePercent: h.rootUse,
      },
      {
        mountpoint: '/data',
        device: '/dev/sdb1',
        fstype: 'xfs',
        totalGB: 1000,
        usedGB: h.dataUse * 10,
        usagePercent: h.dataUse,
      },
    ],
    interfaces: [
      { name: 'eth0', downloadMbps: netIn * 0.95, uploadMbps: netOut * 0.95, rxBytes: h.rx, txBytes: h.tx },
      {
        name: 'docker0',
        downloadMbps: netIn * 0.05,
        uploadMbps: netOut * 0.05,
        rxBytes: Math.floor(h.rx / 20),
        txBytes: Math.floor(h.tx / 20),
      },
    ],
    gpus: h.gpu ? [{ index: 0, utilizationPercent: around(40, 40) }] : undefined,
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-records-bench-'));
const file = path.join(dir, 'bench.db');
const ds = createDataSource({ type: 'sqlite', file });
await ds.initialize();
await ds.runMigrations({ transaction: 'all' });
// A bigger page cache than the hub's default only makes the generation faster; it does not change the file.
ds.driver.databaseConnection.pragma('cache_size = -262144');

let now = Date.UTC(2030, 0, 1);
const clock = { now: () => now };
const registry = new SeriesRegistry(ds.getRepository(RecordSeries));
const store = new RecordStore(ds, new TransactionRunner(ds));
const queue = new RecordsWriteQueue();
const aggregator = new MinuteBucketAggregator();
const writer = new MinuteBucketWriter(aggregator, store, registry, queue, clock);
const rollup = new HourlyRollupService(store, registry, queue, clock);
// Only `assertExists` of the server catalog is used by a history query; every bench host exists.
const catalog = { assertExists: async () => undefined };
const history = new HistoryService(catalog, registry, store, aggregator, clock);

const hosts = Array.from({ length: SERVERS }, (_, i) => makeHost(i));
// Chunked, and without TypeORM's re-select of generated columns (its OR-chain is too deep for 1,000 rows).
const serverRows = hosts.map((h, i) => ({
  id: h.id,
  name: `host-${i}`,
  notes: '',
  tokenPrefix: `hw_${String(i).padStart(8, '0')}`,
  tokenHash: 'x',
  tokenRotatedAt: new Date(0),
  displayOrder: 0,
  createdAt: new Date(0),
  updatedAt: new Date(0),
}));
for (let i = 0; i < serverRows.length; i += 200)
  await ds
    .createQueryBuilder()
    .insert()
    .into(Server)
    .values(serverRows.slice(i, i + 200))
    .updateEntity(false)
    .execute();

const start = now;
const t0 = performance.now();
let flushMs = 0;
for (let m = 0; m < MINUTE_DAYS * 1440; m++) {
  const minuteStart = start + m * MIN;
  for (let k = 0; k < PER_MINUTE; k++) {
    const t = minuteStart + Math.floor((k * MIN) / PER_MINUTE) + 200;
    for (const h of hosts) aggregator.ingest(sample(h, t));
  }
  now = minuteStart + MIN + 6_000;
  const f0 = performance.now();
  await writer.flushClosed();
  flushMs += performance.now() - f0;
  if ((m + 1) % 60 === 0) {
    await rollup.rollUpDirty();
    process.stderr.write(`\r${((m + 1) / 60).toFixed(0)} h of minute data written`);
  }
}
process.stderr.write('\n');
const generationS = (performance.now() - t0) / 1000;

// Hourly rows: repeat each series' rolled-up hours back over HOURLY_DAYS.
const seriesIds = await registry.allIds();
const firstHour = start / HOUR;
const stored = new Map();
for (const id of seriesIds)
  stored.set(id, await store.range('hour', id, firstHour, firstHour + MINUTE_DAYS * 24 - 1));
for (let d = 1; d < HOURLY_DAYS; d++) {
  await store.transaction(async (m) => {
    const rows = [];
    for (const [id, hours] of stored)
      for (const r of hours)
        rows.push({ seriesId: id, at: r.at - d * 24 * MINUTE_DAYS, n: r.n, data: Buffer.from(r.data) });
    await store.upsert(m, 'hour', rows);
  });
  if (d * MINUTE_DAYS >= HOURLY_DAYS) break;
}

ds.driver.databaseConnection.pragma('wal_checkpoint(TRUNCATE)');
const sizes = Object.fromEntries(
  ds.driver.databaseConnection
    .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name')
    .all()
    .map((r) => [r.name, r.bytes]),
);
const minuteRows = ds.driver.databaseConnection
  .prepare('SELECT COUNT(*) AS n, AVG(LENGTH(data)) AS blob FROM minute_records')
  .get();
const hourlyRows = ds.driver.databaseConnection
  .prepare('SELECT COUNT(*) AS n, AVG(LENGTH(data)) AS blob FROM hourly_records')
  .get();
const hourlyDaysStored = hourlyRows.n / SERVERS / 24;

// History queries: 24 h of minutes and 30 days of hours, one server at a time.
async function timeQueries(q) {
  const times = [];
  for (let i = 0; i < 50; i++) {
    const host = hosts[(i * 37) % hosts.length];
    const t = performance.now();
    const res = await history.query(host.id, q());
    times.push(performance.now() - t);
    if (res.points.length === 0) throw new Error('no points');
  }
  times.sort((a, b) => a - b);
  return { p50: times[24], p95: times[47] };
}
now = start + MINUTE_DAYS * DAY;
const end = new Date(now);
const minuteQ = await timeQueries(() => ({ from: new Date(now - DAY), to: end, resolution: 'minute' }));
const hourQ = await timeQueries(() => ({ from: new Date(now - 30 * DAY), to: end, resolution: 'hour' }));

const kb = (b) => (b / 1024).toFixed(1);
console.log(
  `\nrecords storage on SQLite: ${SERVERS} servers, ${MINUTE_DAYS} day(s) of minute data at ${PER_MINUTE} samples/min, ${hourlyDaysStored.toFixed(0)} days hourly`,
);
console.log(
  `generation ${generationS.toFixed(1)} s (flushes ${(flushMs / 1000).toFixed(1)} s, ${(flushMs / (MINUTE_DAYS * 1440)).toFixed(1)} ms per ${SERVERS}-row flush)\n`,
);
console.log('| table | rows | avg packed bytes | bytes/row (all pages) | per server-day | target |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(
  `| minute_records | ${minuteRows.n} | ${minuteRows.blob.toFixed(1)} | ${(sizes.minute_records / minuteRows.n).toFixed(1)} | ${kb(sizes.minute_records / SERVERS / MINUTE_DAYS)} KB | ≤ 150 KB |`,
);
console.log(
  `| hourly_records | ${hourlyRows.n} | ${hourlyRows.blob.toFixed(1)} | ${(sizes.hourly_records / hourlyRows.n).toFixed(1)} | ${kb(sizes.hourly_records / SERVERS / hourlyDaysStored)} KB | ≤ 8 KB |`,
);
console.log(
  `| record_series | ${SERVERS} | | | ${kb((sizes.record_series ?? 0) + (sizes.sqlite_autoindex_record_series_1 ?? 0))} KB total | |`,
);
console.log('\n| history query (1 server) | p50 | p95 | target p95 |');
console.log('| --- | --- | --- | --- |');
console.log(
  `| 24 h minute, all base metrics | ${minuteQ.p50.toFixed(1)} ms | ${minuteQ.p95.toFixed(1)} ms | ≤ 50 ms |`,
);
console.log(
  `| 30 days hourly, all base metrics | ${hourQ.p50.toFixed(1)} ms | ${hourQ.p95.toFixed(1)} ms | ≤ 20 ms |`,
);

await ds.destroy();
fs.rmSync(dir, { recursive: true, force: true });
