import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { consoleBuildDir } from '../../../src/console/console-static.js';

const root = path.resolve(consoleBuildDir(), '..', '..', '..');
const LOCK = path.join(root, 'dist', '.web-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/web is missing or older than web/src, angular.json or the protocol types it imports. */
export function consoleIsStale(): boolean {
  const index = path.join(consoleBuildDir(), 'index.html');
  if (!fs.existsSync(index)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'web', 'src')),
    fs.statSync(path.join(root, 'angular.json')).mtimeMs,
  );
  return fs.statSync(index).mtimeMs < sources;
}

/**
 * The browser tests drive the built console: build it (once, under a lock shared by parallel Jest
 * workers) when it is missing or older than its sources.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`console build lock ${LOCK} held for too long`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!consoleIsStale()) return;
    const ng = path.join(root, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');
    const result = spawnSync(process.execPath, [ng, 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
      timeout: 9 * 60_000,
    });
    if (result.status !== 0) throw new Error(`ng build failed (status ${result.status})`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
