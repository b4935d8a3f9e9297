#!/usr/bin/env node
// Cold start to listening, and memory after start, of the built hub on SQLite with migrations
// already applied. Runs the hub RUNS times with the launch settings of scripts/hub-runtime.mjs and RUNS
// times with plain `node`, interleaved, and prints medians of each. Usage: node bench/startup.mjs [runs]
/* eslint-disable no-console */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUB_NODE_ARGS, hubEnv } from '../scripts/hub-runtime.mjs';
import { freePort } from './load/hub-process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function readStatus(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { vmRssMb: kb('VmRSS') / 1024, rssAnonMb: kb('RssAnon') / 1024 };
}

async function waitHealthy(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

async function once(dataDir, tuned) {
  const port = await freePort();
  const started = performance.now();
  const args = tuned ? HUB_NODE_ARGS : [];
  const hub = spawn(process.execPath, [...args, path.join(root, 'dist/src/main.js')], {
    env: {
      ...(tuned ? hubEnv() : process.env),
      NODE_ENV: 'production',
      HIVEWATCH_HOST: '127.0.0.1',
      HIVEWATCH_PORT: String(port),
      HIVEWATCH_DATA_DIR: dataDir,
      HIVEWATCH_LOG_LEVEL: 'warn',
      HIVEWATCH_ADMIN_PASSWORD: 'bench-admin-password-0001',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const ok = await waitHealthy(`http://127.0.0.1:${port}/api/v1/health`, Date.now() + 30_000);
  const coldStartMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000)); // let start-up garbage settle
  const mem = readStatus(hub.pid);
  hub.kill('SIGTERM');
  await new Promise((r) => hub.on('exit', r));
  if (!ok) throw new Error('hub did not become healthy');
  return { coldStartMs, ...mem };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-bench-'));
try {
  await once(dataDir, true); // first start applies the migrations and creates the admin; not counted
  const variants = { 'hub launch settings': [], 'plain node': [] };
  for (let i = 0; i < runs; i++) {
    variants['hub launch settings'].push(await once(dataDir, true));
    variants['plain node'].push(await once(dataDir, false));
  }
  const fmt = (n) => n.toFixed(1);
  console.log(
    `hub start-up, ${runs} runs each, migrations already applied (${os.cpus().length} cores, node ${process.version})`,
  );
  for (const [name, results] of Object.entries(variants)) {
    console.log(`  ${name} (${name === 'plain node' ? 'no flags' : HUB_NODE_ARGS.join(' ')}):`);
    console.log(
      `    cold start to healthy: median ${fmt(median(results.map((r) => r.coldStartMs)))} ms ` +
        `(runs: ${results.map((r) => fmt(r.coldStartMs)).join(', ')})`,
    );
    console.log(`    VmRSS after start:     median ${fmt(median(results.map((r) => r.vmRssMb)))} MB`);
    console.log(`    RssAnon after start:   median ${fmt(median(results.map((r) => r.rssAnonMb)))} MB`);
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
