#!/usr/bin/env node
// Load generator: N simulated envelope-dialect agents (seed-002 payloads, jittered interval) against
// the built hub, plus a browser on /api/v1/ws measuring sample → browser latency. Prints agents held,
// authentication rate, samples sent/stored, latency p50/p99, hub RSS and CPU, and the ingest ceiling
// as a ratio against a bare `ws` server that only parses the same frames (measured in the same run).
// Usage: node bench/agents-load.mjs [agents=1000] [seconds=60] [intervalSeconds=5]
/* eslint-disable no-console */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { connectAll, metricsPayload } from './load/agents.mjs';
import { measuredBlast } from './load/blast.mjs';
import { ADMIN_PASSWORD, startHub } from './load/hub-process.mjs';
import { HUB_NODE_ARGS } from '../scripts/hub-runtime.mjs';

const N = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 60);
const INTERVAL = Number(process.argv[4] ?? 5);
// Hub launched as `npm start` does; HIVEWATCH_BENCH_NODE_ARGS overrides its node flags ('' for none).
const NODE_ARGS =
  process.env.HIVEWATCH_BENCH_NODE_ARGS === undefined
    ? HUB_NODE_ARGS
    : process.env.HIVEWATCH_BENCH_NODE_ARGS.split(' ').filter(Boolean);
const pct = (xs, p) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] : NaN;
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

const hub = await startHub({ HIVEWATCH_LOGIN_MAX_FAILURES: '1000' }, NODE_ARGS);
const wsUrl = hub.url.replace('http', 'ws') + '/api/v1/agents/ws';
try {
  // An admin session, then N servers through the REST API (tokens shown once).
  const login = await fetch(`${hub.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const servers = new Array(N);
  let made = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (made < N) {
        const i = made++;
        const res = await fetch(`${hub.url}/api/v1/servers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ name: `load-${i}` }),
        });
        const body = await res.json();
        servers[i] = { id: body.server.id, token: body.token };
      }
    }),
  );
  const memIdle = hub.memory();

  // The browser: full_sync, then update frames; latency = receive time − the agent's send time.
  // Latency is split at the batch tick that carried the sample (`at` of the update frame): the wait
  // for that tick (bounded by the 500 ms batching of the stream) and the delivery after it.
  const sentAt = new Map();
  const latencies = [];
  const deliveries = [];
  let missedTick = 0;
  const browser = new WebSocket(hub.url.replace('http', 'ws') + '/api/v1/ws', {
    headers: { cookie, origin: hub.url },
  });
  browser.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type !== 'update') return;
    const now = Date.now();
    const tick = Date.parse(frame.at);
    for (const s of frame.servers ?? []) {
      const key = `${s.id}:${s.metrics?.uptimeSeconds}`;
      const t = sentAt.get(key);
      if (t !== undefined) {
        latencies.push(now - t);
        deliveries.push(now - tick);
        if (tick - t > 550) missedTick++;
        sentAt.delete(key);
      }
    }
  });
  await new Promise((resolve, reject) => browser.once('open', resolve).once('error', reject));

  const { sockets, perSecond: authPerSecond } = await connectAll(wsUrl, servers);
  const cpuStart = hub.cpuSeconds();
  const wallStart = performance.now();
  let sent = 0;
  const timers = sockets.map((ws, i) => {
    let uptime = 100_000 + i;
    const tick = () => {
      uptime += INTERVAL;
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(
        JSON.stringify({
          type: 'event',
          action: 'metrics',
          payload: metricsPayload(i, uptime),
          timestamp: Date.now(),
        }),
      );
      sentAt.set(`${servers[i].id}:${uptime}`, Date.now());
      sent++;
    };
    // First report at a random point of the interval, then every interval ± 10 %.
    return setTimeout(
      function loop() {
        tick();
        timers[i] = setTimeout(loop, INTERVAL * 1000 * (0.9 + Math.random() * 0.2));
      },
      Math.random() * INTERVAL * 1000,
    );
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  timers.forEach((t) => clearTimeout(t));
  const cpuSeconds = hub.cpuSeconds() - cpuStart;
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const memLoaded = hub.memory();
  const held = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  await new Promise((r) => setTimeout(r, 1500)); // last updates reach the browser

  // Reconnect storm: every agent drops and comes back at once (the verified-token cache applies).
  sockets.forEach((ws) => ws.terminate());
  await new Promise((r) => setTimeout(r, 2000));
  const stormCpuStart = hub.cpuSeconds();
  const storm = await connectAll(wsUrl, servers);
  const stormCpu = hub.cpuSeconds() - stormCpuStart;
  sockets.splice(0, sockets.length, ...storm.sockets);

  // The hub answers the storm with a get-server-info round trip per agent: let that settle (hub CPU
  // under 25 % of a core over a second, at most 30 s) so the blast measures ingest, not the storm's tail.
  const settleStart = performance.now();
  for (let before = hub.cpuSeconds(); performance.now() - settleStart < 30_000;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = hub.cpuSeconds();
    if (now - before < 0.25) break;
    before = now;
  }
  const settleSeconds = (performance.now() - settleStart) / 1000;

  // Ingest ceiling: the same blast against the hub and against a bare ws server, interleaved three
  // times (8 s each) so that both sides see the same machine; medians and the median ratio reported.
  const blasters = sockets.slice(0, 20);
  const hubRates = [];
  const bareRates = [];
  let hubSent = 0;
  for (let round = 0; round < 3; round++) {
    const hubRound = await measuredBlast(blasters, 8, () => samplesAccepted(hub.url, cookie));
    hubSent += hubRound.sent;
    hubRates.push(hubRound.perSecond);
    await new Promise((r) => setTimeout(r, 1500));
    bareRates.push(await bareServerRate(20, 8));
  }
  const hubRate = pct(hubRates, 50);
  const bare = pct(bareRates, 50);
  const ratios = hubRates.map((rate, k) => (rate / bareRates[k]) * 100);

  browser.close();
  sockets.forEach((ws) => ws.terminate());
  await hub.stop(); // SIGTERM: the hub flushes every open minute bucket before it exits
  const db = new Database(path.join(hub.dataDir, 'hivewatch.db'), { readonly: true });
  const stored = db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM minute_records').get().n;
  db.close();

  console.log(
    `agents load: ${N} agents, ${SECONDS} s at ${INTERVAL} s ± 10 % (node ${process.version}, hub args: ${NODE_ARGS.join(' ') || 'none'})`,
  );
  console.log(`  agents held:             ${held} / ${N}`);
  console.log(
    `  authentications:         ${fmt(authPerSecond, 0)} per second (${N} first connects, 200 at a time)`,
  );
  console.log(
    `  reconnect storm:         ${fmt(storm.perSecond, 0)} per second, ${fmt(stormCpu, 2)} s of hub CPU for ${N} agents`,
  );
  console.log(
    `  samples sent / stored:   ${sent} live + ${hubSent} blast = ${sent + hubSent} sent / ${stored} stored${stored === sent + hubSent ? ' (every sample stored)' : ' (MISMATCH)'}`,
  );
  console.log(
    `  sample → browser:        p50 ${fmt(pct(latencies, 50))} ms, p99 ${fmt(pct(latencies, 99))} ms (${latencies.length} measured)`,
  );
  console.log(
    `  batch tick → browser:    p50 ${fmt(pct(deliveries, 50))} ms, p99 ${fmt(pct(deliveries, 99))} ms; samples that missed the first tick after them: ${missedTick}`,
  );
  console.log(`  hub CPU:                 ${fmt((100 * cpuSeconds) / wallSeconds)} % of one core`);
  console.log(
    `  hub memory idle:         VmRSS ${fmt(memIdle.vmRssMb)} MB, RssAnon ${fmt(memIdle.rssAnonMb)} MB`,
  );
  console.log(
    `  hub memory with agents:  VmRSS ${fmt(memLoaded.vmRssMb)} MB, RssAnon ${fmt(memLoaded.rssAnonMb)} MB`,
  );
  console.log(
    `  ingest ceiling:          hub ${fmt(hubRate, 0)} frames/s, bare ws ${fmt(bare, 0)} frames/s (medians of 3 interleaved rounds), ratio ${fmt(pct(ratios, 50), 0)} % (rounds: ${ratios.map((r) => fmt(r, 0)).join(' / ')} %; first blast ${fmt(settleSeconds, 1)} s after the storm)`,
  );
} finally {
  hub.cleanup();
}

async function samplesAccepted(url, cookie) {
  const res = await fetch(`${url}/api/v1/agents/stats`, { headers: { cookie } });
  const stats = await res.json();
  return stats.samples;
}

async function bareServerRate(connections, seconds) {
  const child = spawn(process.execPath, [new URL('./load/bare-server.mjs', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = [];
  child.stdout.on('data', (d) => lines.push(...String(d).trim().split('\n')));
  const waitLine = async (prefix) => {
    for (;;) {
      const found = lines.find((l) => l.startsWith(prefix));
      if (found) {
        lines.splice(lines.indexOf(found), 1);
        return Number(found.split(' ')[1]);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const port = await waitLine('port');
  const sockets = await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
          ws.once('open', () => resolve(ws));
        }),
    ),
  );
  const { perSecond } = await measuredBlast(sockets, seconds, () => {
    child.stdin.write('count\n');
    return waitLine('parsed');
  });
  sockets.forEach((ws) => ws.terminate());
  child.kill();
  return perSecond;
}
