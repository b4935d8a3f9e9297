import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { OutboxLock, OutboxLockedError } from './outbox-lock.js';

/** A process of our own that just waits, to stand for "another agent". */
function idleProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('OutboxLock', () => {
  let dir: string;
  let lockPath: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-lock-'));
    lockPath = path.join(dir, 'state.outbox.jsonl.lock');
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const holder = () => JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };

  it('is exclusive: a second holder is refused until the first releases it', () => {
    const first = OutboxLock.acquire(lockPath);
    expect(holder().pid).toBe(process.pid);
    expect(fs.statSync(lockPath).mode & 0o777).toBe(0o600);
    expect(() => OutboxLock.acquire(lockPath)).toThrow(OutboxLockedError);
    first.release();
    expect(fs.existsSync(lockPath)).toBe(false);
    OutboxLock.acquire(lockPath).release();
  });

  it('refuses while another live process holds it, and takes it over once that process is gone', async () => {
    const other = await idleProcess();
    children.push(other);
    fs.writeFileSync(lockPath, JSON.stringify({ pid: other.pid }));
    let refused: unknown;
    try {
      OutboxLock.acquire(lockPath);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(OutboxLockedError);
    expect((refused as Error).message).toContain(`pid ${other.pid}`);
    expect((refused as Error).message).toContain('--state');
    expect(holder().pid).toBe(other.pid);

    other.kill('SIGKILL');
    await exited(other);
    const lock = OutboxLock.acquire(lockPath); // the stale lock of a dead PID
    expect(holder().pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose PID now belongs to another process, another boot, or unreadable content', async () => {
    const other = await idleProcess();
    children.push(other);
    const stale = [
      JSON.stringify({ pid: other.pid, startTicks: '1' }), // PID recycled: not the process that locked
      JSON.stringify({ pid: other.pid, bootId: 'a-boot-before-the-last-reboot' }),
      '{"pid":', // torn write
    ];
    for (const content of stale) {
      fs.writeFileSync(lockPath, content);
      const lock = OutboxLock.acquire(lockPath);
      expect(holder().pid).toBe(process.pid);
      lock.release();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('release never removes a lock another process took over', () => {
    const mine = OutboxLock.acquire(lockPath);
    fs.writeFileSync(lockPath, JSON.stringify({ pid: 1 }));
    mine.release();
    expect(holder().pid).toBe(1);
  });
});
