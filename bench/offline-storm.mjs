#!/usr/bin/env node
// The default "Server offline" rule at fleet scale: the built hub (launched as `npm start` does) with
// N enrolled servers whose agents are online and reporting every 5 s, one console stream open, and
// the offline rule notifying a webhook channel (a local sink). Then a share of the agents drops at
// once; measured until every alert of the drop is firing and the notification queue is drained:
// the time from the drop, the deliveries queued, the hub's event-loop delay (p99 over the storm) and
// its peak RSS. The agents then come back and the same is measured for the resolutions.
// Usage: node bench/offline-storm.mjs [servers=10000] [runs=3] [percents=10,100] [sqlite|postgres]
// postgres: a temporary database on $HIVEWATCH_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
/* eslint-disable no-console */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import WebSocket from 'ws';
import { HUB_NODE_ARGS } from '../scripts/hub-runtime.mjs';
import { connectAll, metricsPayload } from './load/agents.mjs';
import { ADMIN_PASSWORD, startHub } from './load/hub-process.mjs';

const N = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 3);
const PERCENTS = String(process.argv[4] ?? '10,100')
  .split(',')
  .map(Number);
const DIALECT = process.argv[5] ?? 'sqlite';
const OFFLINE_SECONDS = 10; // the rule's condition, lowered from 120 s so that a run is short
const here = path.dirname(fileURLToPath(import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

// A webhook sink: counts what the hub sends and remembers the largest storm summary.
let sinkHits = 0;
const sink = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    sinkHits++;
    res.writeHead(200).end('ok');
  });
});
await new Promise((r) => sink.listen(0, '127.0.0.1', r));

let pgAdmin = null;
let pgDatabase = null;
const env = { HIVEWATCH_LOGIN_MAX_FAILURES: '1000', HIVEWATCH_NOTIFY_POLL_MS: '250' };
if (DIALECT === 'postgres') {
  const base = process.env.HIVEWATCH_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  pgDatabase = `hivewatch_bench_${randomBytes(4).toString('hex')}`;
  pgAdmin = new pg.Client({ connectionString: base });
  await pgAdmin.connect();
  await pgAdmin.query(`CREATE DATABASE ${pgDatabase}`);
  const url = new URL(base);
  url.pathname = `/${pgDatabase}`;
  env.DATABASE_URL = url.toString();
}
const loopFile = path.join(os.tmpdir(), `hivewatch-loop-${process.pid}.json`);
env.HIVEWATCH_BENCH_LOOP_FILE = loopFile;
env.HIVEWATCH_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'hivewatch-storm-'));

// The fleet is enrolled in one transaction by the built hub in-process (10,000 REST calls would
// take ~15 minutes here); the hub under test then starts on that database.
const setupStart = performance.now();
const servers = await enrol(N);
console.error(`setup: ${N} servers enrolled in ${fmt((performance.now() - setupStart) / 1000)} s`);
const hub = await startHub(env, [...HUB_NODE_ARGS, '--import', path.join(here, 'load/loop-delay-probe.mjs')]);

/** The hub's event-loop delay since the previous call (the probe resets on each read). */
async function loopDelay() {
  const before = Date.now();
  process.kill(hub.pid, 'SIGWINCH');
  for (let i = 0; i < 1500; i++) {
    await sleep(20);
    try {
      const stats = JSON.parse(readFileSync(loopFile, 'utf8'));
      if (stats.at >= before) return stats;
    } catch {
      /* not written yet */
    }
  }
  throw new Error('the loop-delay probe did not answer');
}

/** Deliveries queued so far, read from the hub's database. */
let countDb = null;
async function deliveriesQueued() {
  if (DIALECT === 'postgres') {
    if (!countDb) {
      countDb = new pg.Client({ connectionString: env.DATABASE_URL });
      await countDb.connect();
    }
    return Number((await countDb.query('SELECT COUNT(*) AS n FROM notification_deliveries')).rows[0].n);
  }
  countDb ??= new Database(path.join(env.HIVEWATCH_DATA_DIR, 'hivewatch.db'), { readonly: true });
  return countDb.prepare('SELECT COUNT(*) AS n FROM notification_deliveries').get().n;
}

const results = [];
try {
  const api = async (method, url, body, cookie) => {
    const res = await fetch(`${hub.url}/api/v1${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return { res, body: res.status === 204 ? null : await res.json() };
  };
  const login = await api('POST', '/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const cookie = login.res.headers.get('set-cookie').split(';')[0];
  const sinkUrl = `http://127.0.0.1:${sink.address().port}/hook`;
  const channel = await api(
    'POST',
    '/notification-channels',
    { name: 'sink', type: 'webhook', settings: { url: sinkUrl } },
    cookie,
  );
  const group = await api(
    'POST',
    '/notification-groups',
    { name: 'on-call', channelIds: [channel.body.id] },
    cookie,
  );
  const rules = (await api('GET', '/alert-rules', undefined, cookie)).body;
  const offline = (rules.items ?? rules).find((r) => r.name === 'Server offline' && r.origin === 'default');
  await api(
    'PATCH',
    `/alert-rules/${offline.id}`,
    { notificationGroupId: group.body.id, conditions: [{ kind: 'offline', seconds: OFFLINE_SECONDS }] },
    cookie,
  );

  const wsUrl = hub.url.replace('http', 'ws') + '/api/v1/agents/ws';
  const sockets = (await connectAll(wsUrl, servers)).sockets;
  console.error(
    `setup: ${N} servers enrolled and connected after ${fmt((performance.now() - setupStart) / 1000)} s`,
  );

  // Every agent reports every 5 s ± 10 % while it is connected.
  const uptimes = servers.map((_, i) => 100_000 + i);
  const reporter = setInterval(() => {
    sockets.forEach((ws, i) => {
      if (ws.readyState !== WebSocket.OPEN || Math.random() > 0.1) return;
      uptimes[i] += 5;
      ws.send(
        JSON.stringify({
          type: 'event',
          action: 'metrics',
          payload: metricsPayload(i, uptimes[i]),
          timestamp: Date.now(),
        }),
      );
    });
  }, 500);

  // One console open: its stream carries an alert frame per alert firing and resolving (counted).
  const firing = new Set();
  const resolved = new Set();
  const browser = new WebSocket(hub.url.replace('http', 'ws') + '/api/v1/ws', {
    headers: { cookie, origin: hub.url },
  });
  browser.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type !== 'alert' || frame.alert.ruleId !== offline.id || frame.alert.update) return;
    (frame.alert.state === 'triggered' ? firing : resolved).add(frame.alert.serverId);
  });
  await new Promise((resolve, reject) => browser.once('open', resolve).once('error', reject));
  await sleep(15_000); // a first report from every agent, and the evaluator's ticks over the online fleet

  /** The offline rule's active alerts, as the REST API lists them (what the console shows). */
  async function offlineAlerts() {
    const list = (await api('GET', '/alerts/active', undefined, cookie)).body;
    const mine = (list.items ?? list).filter((a) => a.ruleId === offline.id);
    return { active: mine.length, firing: mine.filter((a) => a.state === 'firing').length };
  }

  /** Waits until `done()`, sampling RSS; then until the delivery queue is drained. */
  async function storm(done, limitMs) {
    const started = performance.now();
    let peakRss = 0;
    for (;;) {
      peakRss = Math.max(peakRss, hub.memory().vmRssMb);
      if (await done()) break;
      if (performance.now() - started > limitMs) throw new Error('storm did not complete in time');
      await sleep(500);
    }
    const allSeconds = (performance.now() - started) / 1000;
    const queued = await deliveriesQueued();
    for (let stable = 0; stable < 5;) {
      await sleep(200);
      peakRss = Math.max(peakRss, hub.memory().vmRssMb);
      stable = sinkHits >= queued ? stable + 1 : 0;
    }
    return { allSeconds, queued, peakRss, loop: await loopDelay() };
  }

  for (let run = 1; run <= RUNS; run++) {
    for (const percent of PERCENTS) {
      const k = Math.round((N * percent) / 100);
      firing.clear();
      resolved.clear();
      const queuedBefore = await deliveriesQueued();
      const hitsBefore = sinkHits;
      await loopDelay(); // the baseline: 10 s of the online fleet just before the drop
      await sleep(10_000);
      const baseline = await loopDelay(); // also resets the histogram: the next figure is the storm's
      const dropped = sockets.slice(0, k);
      dropped.forEach((ws) => ws.terminate());
      const down = await storm(async () => (await offlineAlerts()).firing >= k, 600_000);
      const downHits = sinkHits - hitsBefore;
      const consoleFrames = firing.size; // alert frames the open console received for the drop
      // The agents come back: every alert of the drop resolves.
      await loopDelay();
      const back = (await connectAll(wsUrl, servers.slice(0, k))).sockets;
      sockets.splice(0, k, ...back);
      const queuedUp = down.queued;
      const up = await storm(async () => (await offlineAlerts()).active === 0, 600_000);
      const row = {
        dialect: DIALECT,
        run,
        percent,
        k,
        firingSeconds: down.allSeconds,
        firingQueued: down.queued - queuedBefore,
        firingSent: downHits,
        consoleFrames,
        baselineLoopP99: baseline.p99,
        firingLoopP99: down.loop.p99,
        firingLoopMax: down.loop.max,
        firingRss: down.peakRss,
        resolvedSeconds: up.allSeconds,
        resolvedQueued: up.queued - queuedUp,
        resolvedLoopP99: up.loop.p99,
        resolvedRss: up.peakRss,
      };
      results.push(row);
      console.error(JSON.stringify(row));
      await sleep(12_000); // a quiet tick between storms
    }
  }
  clearInterval(reporter);
  browser.close();
  sockets.forEach((ws) => ws.terminate());
} finally {
  await hub.stop().catch(() => undefined);
  if (countDb instanceof Database) countDb.close();
  else await countDb?.end().catch(() => undefined);
  hub.cleanup();
  rmSync(env.HIVEWATCH_DATA_DIR, { recursive: true, force: true });
  rmSync(loopFile, { force: true });
  sink.close();
  if (pgAdmin) {
    await pgAdmin.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
    await pgAdmin.end();
  }
}

console.log(
  `offline storm: ${N} servers, ${DIALECT}, offline rule after ${OFFLINE_SECONDS} s, evaluator every 10 s, medians of ${RUNS} run(s) (node ${process.version})`,
);
for (const percent of PERCENTS) {
  const rows = results.filter((r) => r.percent === percent);
  const m = (key, d = 1) =>
    `${fmt(median(rows.map((r) => r[key])), d)} (${rows.map((r) => fmt(r[key], d)).join(', ')})`;
  console.log(`  ${percent} % (${rows[0]?.k} agents) drop:`);
  console.log(`    all alerts firing after:     ${m('firingSeconds')} s`);
  console.log(`    deliveries queued / sent:    ${m('firingQueued', 0)} / ${m('firingSent', 0)}`);
  console.log(
    `    event-loop delay p99 / max:  ${m('firingLoopP99')} / ${m('firingLoopMax')} ms (p99 in the 10 s before the drop: ${m('baselineLoopP99')} ms)`,
  );
  console.log(`    hub VmRSS peak:              ${m('firingRss')} MB`);
  console.log(
    `    agents back, all resolved:   ${m('resolvedSeconds')} s, ${m('resolvedQueued', 0)} deliveries, loop p99 ${m('resolvedLoopP99')} ms, VmRSS peak ${m('resolvedRss')} MB`,
  );
}

/** N servers with distinct agent tokens, written by the built hub's own services; returns {id, token}. */
async function enrol(n) {
  const dist = (p) => import(path.join(here, '../dist/src', p));
  const { createApp } = await dist('app.factory.js');
  const { loadConfig } = await dist('config/app-config.js');
  const { AgentTokenService } = await dist('servers/agent-token.service.js');
  const { ServersService } = await dist('servers/servers.service.js');
  const { TransactionRunner } = await dist('database/transaction-runner.js');
  const app = await createApp(
    loadConfig({
      ...env,
      HIVEWATCH_LOG_LEVEL: 'warn',
      HIVEWATCH_LOG_FORMAT: 'json',
      HIVEWATCH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    }),
  );
  await app.init();
  try {
    const issued = await Promise.all(Array.from({ length: n }, () => app.get(AgentTokenService).issue()));
    const out = [];
    await app.get(TransactionRunner).run(async (m) => {
      for (const [i, t] of issued.entries()) {
        const s = await app
          .get(ServersService)
          .insert(m, { name: `storm-${i}`, groupId: null, tags: [], notes: '' }, t);
        out.push({ id: s.id, token: t.token });
      }
    });
    return out;
  } finally {
    await app.close();
  }
}
