import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve('.');
const LOCK = path.join(root, 'dist', '.agent-build.lock');
const LOCK_STALE_MS = 10 * 60_000;
const STAMP = path.join(root, 'scripts', 'agent-stamp.mjs');
const EXECUTABLE = path.join(root, 'dist', 'agent', `hivewatch-agent-${process.platform}-${process.arch}`);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `work` holding a lock shared by every Jest worker and every suite (a folder: mkdir is atomic),
 * so that one build serves them all and no test reads a half-written artifact. A suite that writes
 * into dist/agent itself (another platform's build) holds it too.
 */
export function withAgentBuildLock<T>(work: () => T): T {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const held = fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - held > LOCK_STALE_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`agent build lock ${LOCK} held for too long`);
      sleep(250);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const fresh = () => spawnSync(process.execPath, [STAMP, 'check'], { cwd: root }).status === 0;

/**
 * This machine's agent executable in dist/agent, as `npm run build:agent:exe` writes it: built once
 * per change of its inputs (the stamp of scripts/agent-stamp.mjs, which `npm start` reads too), so
 * every suite, `npm start` under test included, uses the same build.
 */
export function sharedAgentExecutable(): string {
  if (fresh()) return EXECUTABLE;
  return withAgentBuildLock(() => {
    if (!fresh()) {
      run('npm', ['run', 'build:agent:exe']);
      run(process.execPath, [STAMP, 'write']);
    }
    return EXECUTABLE;
  });
}

/** Its .deb in dist/agent (`npm run build:agent:deb`), rebuilt when older than the executable. */
export function sharedAgentDeb(): string {
  const executable = sharedAgentExecutable();
  const deb = `${executable}.deb`;
  const current = () => fs.existsSync(deb) && fs.statSync(deb).mtimeMs >= fs.statSync(executable).mtimeMs;
  if (current()) return deb;
  return withAgentBuildLock(() => {
    if (!current()) run('npm', ['run', 'build:agent:deb']);
    return deb;
  });
}
