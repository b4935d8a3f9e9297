import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sharedAgentDeb } from '../../support/agent-artifacts.js';
import { freePort } from '../../support/hub-process.js';

export const root = path.resolve('.');

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PIDs of the direct children of `pid`, from /proc. */
export function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Every process below `pid`, from /proc. */
export function descendants(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendants(child)]);
}

export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A process started as a user starts Hivewatch, with everything it prints collected. */
export interface Started {
  child: ChildProcess;
  port: number;
  output(): string;
}

/**
 * Starts `command args` (`npm start`, or `node scripts/start.mjs`) as a new user would: none of our
 * HIVEWATCH_ variables (so the hub generates and prints the first admin) nor npm's own, on a free
 * port and `dataDir`. The agent executable and its .deb are the suites' one shared build (built
 * first if need be), so that start.mjs finds them up to date instead of building its own copy
 * beside the other suites' (the tests assert that it does).
 */
export async function startAsUser(command: string, args: string[], dataDir: string): Promise<Started> {
  sharedAgentDeb();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env))
    if (key.startsWith('HIVEWATCH_') || key.startsWith('npm_')) delete env[key];
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      HIVEWATCH_HOST: '127.0.0.1',
      HIVEWATCH_PORT: String(port),
      HIVEWATCH_DATA_DIR: dataDir,
      HIVEWATCH_LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, port, output: () => output };
}
