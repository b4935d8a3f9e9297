import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { alive, commandLine, descendants, exited, startAsUser, type Started } from './support/npm-start.js';

jest.setTimeout(300_000);

/**
 * `npm start` as a user runs it, stopped by a signal to the npm process alone (a service manager, a
 * `kill <pid>`, a CI step's timeout), not by a terminal's Ctrl-C that reaches the whole group.
 */
describe('npm start: a signal to the npm process stops everything it started', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-start-signals-'));
  let started: Started | undefined;
  let seen: number[] = [];

  async function npmStart(): Promise<Started> {
    started = await startAsUser('npm', ['start'], dataDir);
    return started;
  }

  afterEach(async () => {
    if (started) {
      started.child.kill('SIGKILL');
      await exited(started.child);
      started = undefined;
    }
    for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
    seen = [];
  });

  it('SIGTERM to npm while the hub and the local agent run: both end, and so does npm', async () => {
    const { child: npm, output } = await npmStart();
    const pids = await eventuallyDefined(() => {
      const all = descendants(npm.pid!);
      const hub = all.find((p) => commandLine(p).includes('dist/src/main.js'));
      const agent = all.find((p) => commandLine(p).includes('hivewatch-agent.cjs'));
      return hub && agent && output().includes('Hivewatch is ready') ? { hub, agent, all } : undefined;
    }, 240_000).catch(() => {
      throw new Error(`hub and agent did not start:\n${output()}`);
    });
    seen = pids.all;

    process.kill(npm.pid!, 'SIGTERM'); // the npm process only
    await exited(npm);
    await eventually(() => (!alive(pids.hub) && !alive(pids.agent)) || undefined, 20_000, 100);
    expect(pids.all.filter(alive)).toEqual([]);
  });

  it('SIGTERM to npm during the build: the build step ends too, and nothing is started after', async () => {
    const { child: npm, output } = await npmStart();
    await eventually(() => output().includes('Building the hub') || undefined, 60_000, 50);
    seen = descendants(npm.pid!);
    process.kill(npm.pid!, 'SIGTERM');
    await exited(npm);
    seen = [...new Set([...seen, ...descendants(npm.pid!)])];
    await eventually(() => seen.every((pid) => !alive(pid)) || undefined, 20_000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    expect(output()).not.toContain('Starting Hivewatch');
  });
});
