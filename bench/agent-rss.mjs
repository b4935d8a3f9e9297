// Memory and CPU of the real agent process over time (quality.md: RssAnon ≤ 16 MB, flat between
// minute 10 and minute 60; VmRSS reported too), connected to a real hub on loopback.
//
//   npm run build && npm run build:agent
//   node bench/agent-rss.mjs                 # BENCH_MINUTES=60 BENCH_INTERVAL=5 BENCH_EVERY_S=60
//   BENCH_AGENT=/path/to/other-bundle.cjs    # compare another build of the agent (default: dist/agent)
//
// Starts the hub (dist/src/main.js) on a temporary data folder and a free 127.0.0.1 port, creates a
// server through the API, runs dist/agent/hivewatch-agent.cjs against it, and reads
// /proc/PID/status (RssAnon, VmRSS) and /proc/PID/stat (utime + stime) of the agent every
// BENCH_EVERY_S seconds. CPU per sample = agent CPU in the period / samples taken (collection,
// serialisation, outbox append and WebSocket send included). Both processes are stopped at the end.
/* eslint-disable no-console */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './load/hub-process.mjs';

const root = resolve(import.meta.dirname, '..');
const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);
const INTERVAL = Number(process.env.BENCH_INTERVAL ?? 5);
const EVERY_S = Number(process.env.BENCH_EVERY_S ?? 60);
const CLK_TCK = 100;
const AGENT_BUNDLE = resolve(process.env.BENCH_AGENT ?? join(root, 'dist/agent/hivewatch-agent.cjs'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readProc(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    rssAnonMB: kb('RssAnon') / 1024,
    vmRssMB: kb('VmRSS') / 1024,
    cpuMs: ((+f[11] + +f[12]) / CLK_TCK) * 1000,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'hivewatch-agent-rss-'));
const port = await freePort();
const hubUrl = `http://127.0.0.1:${port}`;
const password = `bench-${Math.random().toString(36).slice(2)}-password`;
const hub = spawn(process.execPath, ['--max-semi-space-size=2', join(root, 'dist/src/main.js')], {
  env: {
    ...process.env,
    HIVEWATCH_HOST: '127.0.0.1',
    HIVEWATCH_PORT: String(port),
    HIVEWATCH_DATA_DIR: join(dir, 'hub'),
    HIVEWATCH_LOG_LEVEL: 'warn',
    HIVEWATCH_ADMIN_USERNAME: 'admin',
    HIVEWATCH_ADMIN_PASSWORD: password,
  },
  stdio: 'ignore',
});
let agent;
try {
  let cookie;
  for (let i = 0; i < 100 && !cookie; i++) {
    await sleep(200);
    const res = await fetch(`${hubUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    }).catch(() => undefined);
    if (res?.ok)
      cookie = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('hw_session='))
        ?.split(';')[0];
  }
  if (!cookie) throw new Error('hub did not come up');
  const created = await fetch(`${hubUrl}/api/v1/servers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'bench agent' }),
  }).then((r) => r.json());
  agent = spawn(
    process.execPath,
    [
      AGENT_BUNDLE,
      '--hub',
      hubUrl,
      '--interval',
      String(INTERVAL),
      '--config',
      join(dir, 'agent.json'),
      '--state',
      join(dir, 'agent', 'state.json'),
      '--log-level',
      'warn',
    ],
    {
      env: { ...process.env, HIVEWATCH_AGENT_ID: created.server.id, HIVEWATCH_AGENT_TOKEN: created.token },
      stdio: 'inherit',
    },
  );
  console.log(
    `agent ${AGENT_BUNDLE} pid ${agent.pid}, interval ${INTERVAL} s, ${MINUTES} min, node ${process.version}`,
  );
  console.log('minute  RssAnon MB  VmRSS MB  CPU ms/sample');
  let last = readProc(agent.pid);
  const rows = [];
  for (let t = EVERY_S; t <= MINUTES * 60; t += EVERY_S) {
    await sleep(EVERY_S * 1000);
    const now = readProc(agent.pid);
    const perSample = (now.cpuMs - last.cpuMs) / (EVERY_S / INTERVAL);
    last = now;
    rows.push({ minute: t / 60, ...now, perSample });
    console.log(
      `${(t / 60).toFixed(1).padStart(6)}  ${now.rssAnonMB.toFixed(1).padStart(10)}  ${now.vmRssMB.toFixed(1).padStart(8)}  ${perSample.toFixed(3).padStart(13)}`,
    );
  }
  const tail = rows.filter((r) => r.minute >= Math.min(10, MINUTES / 6));
  const anon = tail.map((r) => r.rssAnonMB);
  console.log(
    `RssAnon from minute ${tail[0]?.minute}: min ${Math.min(...anon).toFixed(1)} MB, max ${Math.max(...anon).toFixed(1)} MB, last ${anon.at(-1)?.toFixed(1)} MB`,
  );
} finally {
  agent?.kill('SIGTERM');
  hub.kill('SIGTERM');
  await sleep(1000);
  rmSync(dir, { recursive: true, force: true });
}
