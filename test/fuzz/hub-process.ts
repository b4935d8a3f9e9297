import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Worker } from 'node:worker_threads';
import { ensureBuiltHub, freePort } from '../support/hub-process.js';

export { freePort };

export const FUZZ_ADMIN = { username: 'admin', password: 'fuzz-admin-password-0001' };
export const HUB_MAIN = path.resolve('dist/src/main.js');

/** One line the hub logged at error/fatal level (or a non-JSON line on stderr, e.g. a crash trace). */
export interface HubLogError {
  at: number;
  text: string;
}

/** The built hub (`node dist/src/main.js`) as a child process on a free port with a fresh data folder. */
export class HubProcess {
  readonly errors: HubLogError[] = [];
  errorCount = 0;
  warnCount = 0;
  exit: { code: number | null; signal: NodeJS.Signals | null; at: number } | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
  ) {
    child.on('exit', (code, signal) => (this.exit = { code, signal, at: Date.now() }));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
  }

  static async start(env: Record<string, string>): Promise<HubProcess> {
    ensureBuiltHub();
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-fuzz-'));
    const child = spawn(process.execPath, ['--max-semi-space-size=2', HUB_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        MALLOC_ARENA_MAX: '2',
        NODE_ENV: 'production',
        HIVEWATCH_HOST: '127.0.0.1',
        HIVEWATCH_PORT: String(port),
        HIVEWATCH_DATA_DIR: dataDir,
        HIVEWATCH_LOG_LEVEL: 'warn',
        HIVEWATCH_LOG_FORMAT: 'json',
        HIVEWATCH_ADMIN_USERNAME: FUZZ_ADMIN.username,
        HIVEWATCH_ADMIN_PASSWORD: FUZZ_ADMIN.password,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hub = new HubProcess(child, port, dataDir);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (hub.exit)
        throw new Error(`hub exited during start-up: ${JSON.stringify(hub.exit)}; ${hub.lastErrors()}`);
      try {
        if ((await fetch(`${hub.url}/api/v1/health`, { signal: AbortSignal.timeout(1000) })).ok) return hub;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`hub did not answer /api/v1/health within 30 s; ${hub.lastErrors()}`);
      }
      await sleep(100);
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  /** VmRSS of the hub in MiB, from /proc. */
  rssMb(): number {
    const text = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(text)?.[1] ?? NaN) / 1024;
  }

  lastErrors(n = 5): string {
    return this.errors
      .slice(-n)
      .map((e) => e.text)
      .join('\n');
  }

  /** SIGTERM, then waits; SIGKILL after `graceMs`. Answers whether it exited on SIGTERM in time. */
  async stop(graceMs = 15_000): Promise<boolean> {
    if (!this.alive) return true;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      exited.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      this.child.kill('SIGKILL');
      await exited;
    }
    return inTime;
  }

  dispose(): void {
    if (this.alive) this.child.kill('SIGKILL');
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  private onLine(line: string): void {
    let level = 60;
    let text = line;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      level = typeof entry.level === 'number' ? entry.level : 30;
      text = `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
    } catch {
      /* a line that is not pino JSON: node's own crash output */
    }
    if (level === 40) this.warnCount++;
    if (level < 50 || line.trim() === '') return;
    this.errorCount++;
    if (this.errors.length < 50) this.errors.push({ at: Date.now(), text: text.slice(0, 500) });
  }
}

/**
 * The health poller, in its own thread: the fuzzer generates megabyte frames synchronously on the
 * main thread, and a poller sharing that event loop would measure its own stalls, not the hub's.
 */
const HEALTH_POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, limitMs, everyMs } = workerData;
const state = { polls: 0, maxLatencyMs: 0, misses: [] };
let running = true;
parentPort.on('message', () => (running = false));
function poll() {
  return new Promise((resolve) => {
    const start = performance.now();
    let done = false;
    const finish = (what) => {
      if (done) return;
      done = true;
      const latency = performance.now() - start;
      state.polls++;
      state.maxLatencyMs = Math.max(state.maxLatencyMs, latency);
      if (what === null && latency > limitMs) what = 'slow: ' + Math.round(latency) + ' ms';
      if (what !== null && state.misses.length < 100) state.misses.push({ at: Date.now(), what });
      resolve(latency);
    };
    // A fresh connection per poll: a client-side keep-alive race is not the hub's fault.
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode === 200 ? null : 'status ' + res.statusCode));
    });
    req.setTimeout(limitMs, () => { req.destroy(); finish('no answer (timeout)'); });
    req.on('error', (err) => finish('no answer (' + err.message + ')'));
  });
}
(async () => {
  while (running) {
    const latency = await poll();
    await new Promise((r) => setTimeout(r, Math.max(0, everyMs - latency)));
  }
  parentPort.postMessage(state);
})();
`;

/** Polls GET /api/v1/health every `everyMs` over a new TCP connection; a poll that fails or takes longer than `limitMs` is a miss. */
export class HealthWatch {
  polls = 0;
  maxLatencyMs = 0;
  misses: { at: number; what: string }[] = [];
  private readonly worker: Worker;

  constructor(port: number, limitMs = 1000, everyMs = 250) {
    this.worker = new Worker(HEALTH_POLLER, { eval: true, workerData: { port, limitMs, everyMs } });
  }

  async stop(): Promise<void> {
    const result = new Promise<{
      polls: number;
      maxLatencyMs: number;
      misses: { at: number; what: string }[];
    }>((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
    });
    this.worker.postMessage('stop');
    const state = await result;
    await this.worker.terminate();
    this.polls = state.polls;
    this.maxLatencyMs = state.maxLatencyMs;
    this.misses = state.misses;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
