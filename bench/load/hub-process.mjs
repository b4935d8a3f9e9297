// Starts the built hub as a child process on a free loopback port with a fresh data folder, and
// reads its CPU time and memory from /proc.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUB_NODE_ARGS, hubEnv } from '../../scripts/hub-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
export const ADMIN_PASSWORD = 'bench-admin-password-0001';

export function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the hub as `npm start` does (scripts/hub-runtime.mjs), unless `nodeArgs` says otherwise. */
export async function startHub(env = {}, nodeArgs = HUB_NODE_ARGS) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-load-'));
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/src/main.js')], {
    env: {
      ...hubEnv(),
      NODE_ENV: 'production',
      HIVEWATCH_HOST: '127.0.0.1',
      HIVEWATCH_PORT: String(port),
      HIVEWATCH_DATA_DIR: dataDir,
      HIVEWATCH_LOG_LEVEL: 'warn',
      HIVEWATCH_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error('hub did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    dataDir,
    pid: child.pid,
    /** CPU seconds used by the hub so far (user + system). */
    cpuSeconds() {
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    },
    memory() {
      const text = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
      return { vmRssMb: kb('VmRSS') / 1024, rssAnonMb: kb('RssAnon') / 1024 };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    },
    cleanup() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
