import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve('.');
const MAIN = path.join(root, 'dist/src/main.js');
export const HUB_PROCESS_ADMIN = { username: 'admin', password: 'process-admin-password-01' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Builds the hub (incremental `tsc -b`) when dist/src/main.js is missing, as on a clean clone. */
export function ensureBuiltHub(): string {
  if (!fs.existsSync(MAIN)) execFileSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: root });
  return MAIN;
}

export interface HubProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the hub wrote to stdout and stderr so far. */
  output(): string;
  alive(): boolean;
  /** VmRSS in MiB, from /proc. */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * The built hub (dist/src/main.js, as `npm start` runs it) as a child process on a free 127.0.0.1 port
 * and a fresh data folder: for tests whose point is that the process itself survives. Builds the hub
 * first when dist/ is missing (a clean clone running `npm test` directly).
 */
export async function startHubProcess(env: Record<string, string> = {}): Promise<HubProcess> {
  ensureBuiltHub();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-proc-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HIVEWATCH_HOST: '127.0.0.1',
      HIVEWATCH_PORT: String(port),
      HIVEWATCH_DATA_DIR: dataDir,
      HIVEWATCH_LOG_LEVEL: 'warn',
      HIVEWATCH_ADMIN_USERNAME: HUB_PROCESS_ADMIN.username,
      HIVEWATCH_ADMIN_PASSWORD: HUB_PROCESS_ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!alive()) throw new Error(`hub exited during start-up:\n${output}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`hub did not start within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    dataDir,
    child,
    output: () => output,
    alive,
    rssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
    },
    async stop() {
      if (alive()) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
