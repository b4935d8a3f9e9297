import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { freePort } from '../support/hub-process.js';

jest.setTimeout(300_000);

const root = path.resolve('.');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!fs.existsSync(file)) return [];
  const direct = fs.readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return direct.flatMap((child) => [child, ...descendants(child)]);
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * `npm start` as a user runs it, stopped by a signal to the npm process alone (a service manager, a
 * `kill <pid>`, a CI step's timeout), not by a terminal's Ctrl-C that reaches the whole group.
 */
describe('npm start: a signal to the npm process stops everything it started', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-start-signals-'));
  let npm: ChildProcess | undefined;
  let seen: number[] = [];
  let output = '';

  async function npmStart(): Promise<ChildProcess> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env))
      if (key.startsWith('HIVEWATCH_') || key.startsWith('npm_')) delete env[key];
    output = '';
    const child = spawn('npm', ['start'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        HIVEWATCH_HOST: '127.0.0.1',
        HIVEWATCH_PORT: String(await freePort()),
        HIVEWATCH_DATA_DIR: dataDir,
        HIVEWATCH_LOG_LEVEL: 'warn',
      },
    });
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    return child;
  }

  function exited(child: ChildProcess): Promise<number | null> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  afterEach(async () => {
    if (npm && npm.exitCode === null && npm.signalCode === null) {
      npm.kill('SIGKILL');
      await exited(npm);
    }
    for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
    seen = [];
  });

  it('SIGTERM to npm while the hub and the local agent run: both end, and so does npm', async () => {
    npm = await npmStart();
    const pids = await eventuallyDefined(() => {
      const all = descendants(npm!.pid!);
      const hub = all.find((p) => commandLine(p).includes('dist/src/main.js'));
      const agent = all.find((p) => commandLine(p).includes('hivewatch-agent.cjs'));
      return hub && agent && output.includes('Hivewatch is ready') ? { hub, agent, all } : undefined;
    }, 240_000).catch(() => {
      throw new Error(`hub and agent did not start:\n${output}`);
    });
    seen = pids.all;

    process.kill(npm.pid!, 'SIGTERM'); // the npm process only
    await exited(npm);
    await eventually(() => (!alive(pids.hub) && !alive(pids.agent)) || undefined, 20_000, 100);
    expect(pids.all.filter(alive)).toEqual([]);
  });

  it('SIGTERM to npm during the build: the build step ends too, and nothing is started after', async () => {
    npm = await npmStart();
    await eventually(() => output.includes('Building the hub') || undefined, 60_000, 50);
    seen = descendants(npm.pid!);
    process.kill(npm.pid!, 'SIGTERM');
    await exited(npm);
    seen = [...new Set([...seen, ...descendants(npm.pid!)])];
    await eventually(() => seen.every((pid) => !alive(pid)) || undefined, 20_000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    expect(output).not.toContain('Starting Hivewatch');
  });
});
