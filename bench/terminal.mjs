#!/usr/bin/env node
// Terminal figures through the hub (docs/benchmarks.md, "Terminal"): the built hub in its own process
// (as `npm start` runs it), the real agent (its bundle, node-pty from node_modules) with the
// `terminal` capability, and a browser-side socket as the console opens it.
// - keystroke → echo: one key at a time into `cat` with the tty echoing (non-canonical mode), time
//   from sending the `input` frame to the `output` frame that carries it back; p50/p99;
// - throughput with a fast reader (credit granted as each frame arrives): `head -c BYTES /dev/zero | tr`;
// - hub CPU per MB relayed, from /proc/<hub pid>/stat over the throughput run (and the agent's, for comparison).
// Usage: node bench/terminal.mjs [keystrokes=300] [megabytes=50]   (after `npx tsc -b tsconfig.build.json`)
/* eslint-disable no-console */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { ADMIN_PASSWORD, startHub } from './load/hub-process.mjs';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** CPU seconds (user + system) of a process so far, from /proc/<pid>/stat. */
const cpuOf = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEYS = Number(process.argv[2] ?? 300);
const MEGABYTES = Number(process.argv[3] ?? 50);
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-bench-term-'));
execFileSync(process.execPath, ['agent/build.mjs', '--out-dir', work, '--no-check'], {
  cwd: root,
  stdio: 'ignore',
});
const hub = await startHub({ HIVEWATCH_LOG_LEVEL: 'error' });
let agent;
try {
  const api = async (method, url, cookie, body) => {
    const res = await fetch(hub.url + url, {
      method,
      headers: { 'content-type': 'application/json', origin: hub.url, ...(cookie && { cookie }) },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res;
  };
  const login = await api('POST', '/api/v1/auth/login', null, {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('hw_session='))
    .split(';')[0];
  const { server, token } = await (
    await api('POST', '/api/v1/servers', cookie, { name: 'bench-term' })
  ).json();
  fs.writeFileSync(path.join(work, 'agent.token'), `${token}\n`, { mode: 0o600 });
  fs.writeFileSync(
    path.join(work, 'agent.json'),
    JSON.stringify({ capabilities: ['terminal'], terminal: { shell: '/bin/bash' } }),
  );
  agent = spawn(
    process.execPath,
    [
      path.join(work, 'hivewatch-agent.cjs'),
      '--hub',
      hub.url,
      '--id',
      server.id,
      '--token-file',
      path.join(work, 'agent.token'),
    ],
    {
      env: {
        ...process.env,
        HIVEWATCH_AGENT_CONFIG: path.join(work, 'agent.json'),
        HIVEWATCH_AGENT_STATE_FILE: path.join(work, 'state.json'),
        HIVEWATCH_AGENT_TOKEN: '',
        NODE_PATH: path.join(root, 'node_modules'),
      },
      stdio: 'ignore',
    },
  );
  for (let i = 0; ; i++) {
    const s = await (await api('GET', `/api/v1/servers/${server.id}`, cookie)).json();
    if (s.capabilities?.includes('terminal')) break;
    if (i > 300) throw new Error('the agent did not connect');
    await sleep(100);
  }

  const { ticket } = await (
    await api('POST', `/api/v1/servers/${server.id}/terminal/tickets`, cookie)
  ).json();
  const ws = new WebSocket(hub.url.replace('http', 'ws') + '/api/v1/ws/terminal', {
    headers: { cookie },
    origin: hub.url,
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let onOutput = () => {};
  const ready = new Promise((resolve, reject) =>
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      if (frame.type === 'ready') resolve();
      else if (frame.type === 'output') {
        const data = Buffer.from(frame.data, 'base64');
        // a fast reader: credit back at once what arrived
        ws.send(JSON.stringify({ type: 'credit', bytes: data.length }));
        onOutput(data);
      } else if (frame.type === 'exit' || frame.type === 'error') reject(new Error(JSON.stringify(frame)));
    }),
  );
  ws.send(JSON.stringify({ type: 'auth', ticket, cols: 120, rows: 40 }));
  await ready;
  const type = (text) =>
    ws.send(JSON.stringify({ type: 'input', data: Buffer.from(text).toString('base64') }));
  const waitFor = (marker) =>
    new Promise((resolve) => {
      let seen = '';
      onOutput = (data) => {
        seen = (seen + data.toString('latin1')).slice(-4096);
        if (seen.includes(marker)) resolve();
      };
    });

  // Keystroke → echo: the tty echoes each key as it arrives (no line editing in between).
  let ok = waitFor('READY-42');
  type('stty -icanon min 1; echo READY-$((6*7)); cat >/dev/null\r');
  await ok;
  await sleep(300);
  const latencies = [];
  const keys = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < KEYS; i++) {
    const key = keys[i % keys.length];
    const echoed = new Promise((resolve) => (onOutput = (data) => data.includes(key) && resolve()));
    const t0 = process.hrtime.bigint();
    type(key);
    await echoed;
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await sleep(5);
  }
  ok = waitFor('SANE-42');
  type('\x03');
  await sleep(200);
  type('stty sane; echo SANE-$((6*7))\r');
  await ok;

  // Throughput with a fast reader, and the hub's CPU for it.
  const bytes = MEGABYTES * 1_000_000;
  let received = 0;
  let started = 0;
  const done = new Promise((resolve) => {
    let tail = '';
    onOutput = (data) => {
      received += data.length;
      tail = (tail + data.toString('latin1')).slice(-64);
      if (tail.includes('END-42')) resolve();
    };
  });
  const cpu0 = hub.cpuSeconds();
  const agentCpu0 = cpuOf(agent.pid);
  let peakRss = hub.memory().vmRssMb;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, hub.memory().vmRssMb)), 200);
  started = performance.now();
  type(`head -c ${bytes} /dev/zero | tr '\\0' y; echo; echo END-$((6*7))\r`);
  await done;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(rssTimer);
  const cpuMs = (hub.cpuSeconds() - cpu0) * 1000;
  const agentCpuMs = (cpuOf(agent.pid) - agentCpu0) * 1000;
  const mb = received / 1e6;
  ws.close();

  const cpuModel =
    /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} vCPU ${cpuModel}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    command: `node bench/terminal.mjs ${KEYS} ${MEGABYTES}`,
    loadAverage1m: +os.loadavg()[0].toFixed(1),
    keystrokes: latencies.length,
    echoP50Ms: +pct(latencies, 50).toFixed(2),
    echoP99Ms: +pct(latencies, 99).toFixed(2),
    echoMaxMs: +Math.max(...latencies).toFixed(2),
    throughputMBps: +(mb / seconds).toFixed(1),
    relayedMB: +mb.toFixed(1),
    hubCpuMsPerMB: +(cpuMs / mb).toFixed(1),
    agentCpuMsPerMB: +(agentCpuMs / mb).toFixed(1),
    hubPeakRssMiB: Math.round(peakRss),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  agent?.kill('SIGTERM');
  await hub.stop();
  hub.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
}
