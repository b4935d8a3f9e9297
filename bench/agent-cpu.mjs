// All-in CPU per sample of the agent (quality.md: ≤ 2 ms), for the one-file bundle
// (`node dist/agent/hivewatch-agent.cjs`) and the single executable
// (dist/agent/hivewatch-agent-linux-x64), both connected to a real hub on loopback that acks every
// sample. Also: executable size, start time (`--version`, median of 15 runs), RssAnon after 60 s.
//
//   npm run build && npm run build:agent:exe
//   node bench/agent-cpu.mjs            # BENCH_SAMPLES_1S=60 BENCH_SAMPLES_5S=40 BENCH_ONLY=bundle|exe
//   BENCH_BEFORE=/path/to/older.cjs     # measure an older bundle in the same run, for a before/after
//   BENCH_INTERVALS=1                   # only the 1 s interval (default: 1,5)
//   BENCH_WARMUP_S=25                   # when the steady window starts (default 25 s after spawn)
//   BENCH_AGENT_DIR=/tmp/x              # bundle and executable from there (default dist/agent)
//
// Method: each agent gets its own server on one hub. The agent's utime + stime (/proc/PID/stat) are
// read three times: once its first sample is out (one interval after start), at the end of the
// warm-up (BENCH_WARMUP_S after spawn), and N intervals after that. Everything the process does is
// counted: collection, serialisation, outbox append, WebSocket send, the hub's acks, timers, GC.
// Three figures per agent, none left out:
//   steady    = CPU from the end of the warm-up over the next N samples, / N: what every sample of a
//               running agent costs (compared with quality.md's target);
//   from 1st  = CPU from the first sample to the end, / the samples in that span: the same plus V8's
//               one-off start-up work that falls after the first sample (lazy compilation of code
//               first run then, and the memory reducer's mark-compacts ~8 s after start-up);
//   start-up  = CPU from spawn to the end of the warm-up (process start, loading, connecting,
//               the first samples and those one-offs), in ms, once per agent start.
// The bundle and the executable (and BENCH_BEFORE) run at the same time against one hub: the same
// machine load for each, and half the wall time.
/* eslint-disable no-console */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_PASSWORD, startHub } from './load/hub-process.mjs';

const root = resolve(import.meta.dirname, '..');
const CLK_TCK = 100;
const SAMPLES = {
  1: Number(process.env.BENCH_SAMPLES_1S ?? 60),
  5: Number(process.env.BENCH_SAMPLES_5S ?? 40),
};
const AGENT_DIR = resolve(process.env.BENCH_AGENT_DIR ?? join(root, 'dist/agent'));
const BUNDLE = join(AGENT_DIR, 'hivewatch-agent.cjs');
const EXE = join(AGENT_DIR, `hivewatch-agent-linux-${process.arch}`);
// The memory reducer's mark-compacts came 9–18 s after spawn here (--trace-gc): the steady window
// starts after them.
const WARMUP_MS = Number(process.env.BENCH_WARMUP_S ?? 25) * 1000;
const INTERVALS = (process.env.BENCH_INTERVALS ?? '1,5').split(',').map(Number);
const variants = [
  ...(process.env.BENCH_BEFORE
    ? [{ name: 'before', command: [process.execPath, resolve(process.env.BENCH_BEFORE)] }]
    : []),
  { name: 'bundle', command: [process.execPath, BUNDLE] },
  { name: 'executable', command: [EXE] },
].filter((v) => !process.env.BENCH_ONLY || v.name.startsWith(process.env.BENCH_ONLY));
for (const v of variants) if (!existsSync(v.command.at(-1))) throw new Error(`missing ${v.command.at(-1)}`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function proc(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { cpuMs: ((+f[11] + +f[12]) / CLK_TCK) * 1000, rssAnonMB: kb('RssAnon') / 1024 };
}

function startMs([file, ...args]) {
  const times = [];
  for (let i = 0; i < 15; i++) {
    const t = process.hrtime.bigint();
    const run = spawnSync(file, [...args, '--version'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${file} --version failed: ${run.stderr}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

async function login(url) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('hw_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  return cookie;
}

/** Runs one agent through the warm-up and `samples` intervals more; resolves to its figures. */
async function measure(variant, hub, cookie, interval, samples, dir) {
  const created = await fetch(`${hub.url}/api/v1/servers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: `cpu ${variant.name} ${interval}s` }),
  }).then((r) => r.json());
  const home = join(dir, `${variant.name}-${interval}`);
  const [file, ...args] = variant.command;
  const agent = spawn(
    file,
    [
      ...args,
      '--hub',
      hub.url,
      '--interval',
      String(interval),
      '--config',
      join(home, 'agent.json'),
      '--state',
      join(home, 'state.json'),
      '--log-level',
      'warn',
    ],
    {
      env: { ...process.env, HIVEWATCH_AGENT_ID: created.server.id, HIVEWATCH_AGENT_TOKEN: created.token },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  try {
    const started = Date.now();
    // The first sample is taken one interval after start: wait for it (at least 2 s).
    const firstAtMs = Math.max(interval * 1000 + 500, 2000);
    if (WARMUP_MS < firstAtMs) throw new Error(`BENCH_WARMUP_S must be at least ${firstAtMs / 1000}`);
    await sleep(firstAtMs);
    const first = proc(agent.pid);
    await sleep(WARMUP_MS - (Date.now() - started));
    const warm = proc(agent.pid);
    await sleep(samples * interval * 1000);
    const last = proc(agent.pid);
    // Samples taken between the first reading and the last: the first one is already out, and one
    // is taken every interval after it.
    const samplesFromFirst = samples + Math.floor((WARMUP_MS - firstAtMs) / (interval * 1000));
    return {
      perSampleMs: (last.cpuMs - warm.cpuMs) / samples,
      fromFirstMs: (last.cpuMs - first.cpuMs) / samplesFromFirst,
      samplesFromFirst,
      startupMs: warm.cpuMs,
      rssAnonMB: last.rssAnonMB,
      afterS: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    agent.kill('SIGTERM');
    await new Promise((r) => agent.on('exit', r));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'hivewatch-agent-cpu-'));
const hub = await startHub();
try {
  console.log(`host: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}`);
  for (const v of variants) {
    const file = v.command.at(-1);
    console.log(
      `${v.name}: ${file.replace(`${root}/`, '')} ${(statSync(file).size / 1048576).toFixed(1)} MiB, ` +
        `start to --version ${startMs(v.command).toFixed(0)} ms (median of 15)`,
    );
  }
  // Logged in only now: the start-time runs above block the event loop for seconds, long enough for
  // the hub to close an idle keep-alive socket that fetch would then reuse ("other side closed").
  const cookie = await login(hub.url);
  for (const interval of INTERVALS) {
    // allSettled: every agent that did start is stopped before a failure is reported.
    const settled = await Promise.allSettled(
      variants.map((v) => measure(v, hub, cookie, interval, SAMPLES[interval], dir)),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const results = settled.map((r) => r.value);
    results.forEach((r, i) =>
      console.log(
        `${variants[i].name.padEnd(10)} interval ${interval} s: ` +
          `steady ${r.perSampleMs.toFixed(2)} ms CPU per sample (${SAMPLES[interval]} samples from ${WARMUP_MS / 1000} s), ` +
          `from 1st sample ${r.fromFirstMs.toFixed(2)} ms (${r.samplesFromFirst} samples), ` +
          `start-up ${r.startupMs.toFixed(0)} ms CPU (spawn to ${WARMUP_MS / 1000} s), ` +
          `RssAnon ${r.rssAnonMB.toFixed(1)} MB after ${r.afterS} s`,
      ),
    );
  }
} finally {
  await hub.stop();
  hub.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
