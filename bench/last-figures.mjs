#!/usr/bin/env node
// How long a starting hub takes to read every server's last stored figures (LastRecords.all: one
// query for all servers) on SQLite, through the hub's real codec, store and reader (built: run
// `npm run build` first).
// Usage: node bench/last-figures.mjs [servers=10000] [minutesPerServer=60]
// Each server gets `minutesPerServer` minute rows (the newest `minutesPerServer` minutes, packed by
// the real MinuteBucket and codec); the database is then closed and reopened, as at a hub start,
// and the read is timed three times (the first one cold).
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
const { RecordStore } = await dist('records/record.store.js');
const { TransactionRunner } = await dist('database/transaction-runner.js');
const { MinuteBucket } = await dist('records/minute-bucket.js');
const { encodeRecord } = await dist('records/record-codec.js');
const { LastRecords } = await dist('records/last-records.service.js');

const [SERVERS = 10_000, MINUTES = 60] = process.argv.slice(2).map(Number);
const LABELS = ['disk:/', 'disk:/data', 'net:eth0'];
const lastMinute = Math.floor(Date.UTC(2030, 0, 1) / 60_000);

function packedMinute(serverIndex, minute) {
  const bucket = new MinuteBucket('x', minute);
  for (let k = 0; k < 12; k++)
    bucket.fold({
      serverId: 'x',
      time: minute * 60_000 + k * 5_000,
      receivedAt: minute * 60_000 + k * 5_000,
      live: true,
      cpuPercent: (serverIndex % 90) + k / 10,
      memPercent: 40 + (serverIndex % 50),
      swapPercent: 1,
      load1: 0.3,
      load5: 0.2,
      load15: 0.1,
      diskReadMBps: 0.5,
      diskWriteMBps: 1.2,
      netInMbps: 12.5,
      netOutMbps: 3.25,
      uptimeSeconds: 86_400 + minute,
      processCount: 180,
      tcpConnections: 40,
      udpConnections: 6,
      cpuTemperatureC: 45,
      disks: [
        { mountpoint: '/', totalGB: 100, usedGB: 40, usagePercent: 40 },
        { mountpoint: '/data', totalGB: 500, usedGB: 100, usagePercent: 20 },
      ],
      interfaces: [{ name: 'eth0', downloadMbps: 12.5, uploadMbps: 3.25 }],
      watchedServices: [],
    });
  return encodeRecord(bucket.toValues(), (label) => LABELS.indexOf(label));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-last-figures-bench-'));
const file = path.join(dir, 'bench.db');
let ds = createDataSource({ type: 'sqlite', file });
await ds.initialize();
await ds.runMigrations({ transaction: 'all' });

const t0 = performance.now();
const ids = Array.from(
  { length: SERVERS },
  (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
);
for (let i = 0; i < SERVERS; i += 200) {
  const chunk = ids.slice(i, i + 200);
  await ds
    .createQueryBuilder()
    .insert()
    .into(Server)
    .values(
      chunk.map((id, k) => ({
        id,
        name: `host-${i + k}`,
        notes: '',
        tokenPrefix: `hw_${String(i + k).padStart(8, '0')}`,
        tokenHash: 'x',
        tokenRotatedAt: new Date(0),
        displayOrder: 0,
        createdAt: new Date(0),
        updatedAt: new Date(0),
      })),
    )
    .updateEntity(false)
    .execute();
  await ds
    .createQueryBuilder()
    .insert()
    .into(RecordSeries)
    .values(chunk.map((serverId) => ({ serverId, labels: LABELS, createdAt: new Date(0) })))
    .updateEntity(false)
    .execute();
}
const series = await ds.getRepository(RecordSeries).find({ select: { id: true, serverId: true } });
const store = new RecordStore(ds, new TransactionRunner(ds));
const payloads = Array.from({ length: 50 }, (_, i) => packedMinute(i, lastMinute));
for (let m = 0; m < MINUTES; m++) {
  const minute = lastMinute - m;
  const rows = series.map((s, i) => ({
    seriesId: s.id,
    at: minute,
    n: 12,
    data: payloads[i % payloads.length],
  }));
  await store.transaction((em) => store.upsert(em, 'minute', rows));
}
console.log(
  `generated ${SERVERS} servers × ${MINUTES} minute rows in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
    `(${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`,
);

await ds.destroy();
ds = createDataSource({ type: 'sqlite', file });
await ds.initialize();
const reader = new LastRecords(new RecordStore(ds, new TransactionRunner(ds)));
for (let run = 1; run <= 3; run++) {
  const r0 = performance.now();
  const last = await reader.all();
  const ms = performance.now() - r0;
  console.log(`run ${run}: last figures of ${last.size} servers read in ${ms.toFixed(0)} ms`);
}
await ds.destroy();
if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
else fs.rmSync(dir, { recursive: true, force: true });
