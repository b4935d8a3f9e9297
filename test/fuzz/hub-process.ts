import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { ensureBuiltHub, freePort } from '../support/hub-process.js';
import { rawGet, rawRequest } from './raw-http.js';

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

/** Polls GET /api/v1/health every `everyMs` over a new TCP connection; a poll that fails or takes longer than `limitMs` is a miss. */
export class HealthWatch {
  polls = 0;
  maxLatencyMs = 0;
  readonly misses: { at: number; what: string }[] = [];
  private running = true;
  private loop: Promise<void>;

  constructor(
    private readonly port: number,
    private readonly limitMs = 1000,
    everyMs = 250,
  ) {
    this.loop = this.run(everyMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(everyMs: number): Promise<void> {
    while (this.running) {
      const start = performance.now();
      let what: string | null = null;
      // A fresh connection per poll: a client-side keep-alive race is not the hub's fault.
      const res = await rawRequest(this.port, rawGet('/api/v1/health'), this.limitMs);
      if (res.status === null) what = `no answer (${res.failure})`;
      else if (res.status !== 200) what = `status ${res.status}`;
      const latency = performance.now() - start;
      this.polls++;
      this.maxLatencyMs = Math.max(this.maxLatencyMs, latency);
      if (what === null && latency > this.limitMs) what = `slow: ${Math.round(latency)} ms`;
      if (what !== null && this.misses.length < 100) this.misses.push({ at: Date.now(), what });
      await sleep(Math.max(0, everyMs - latency));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
