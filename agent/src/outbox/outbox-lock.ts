import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Who holds a lock: the PID, and what tells a live holder from a recycled PID (Linux /proc). */
interface LockHolder {
  pid: number;
  /** /proc/sys/kernel/random/boot_id: a lock from before a reboot is stale whatever its PID. */
  bootId?: string;
  /** Field 22 of /proc/<pid>/stat: a different value means the PID now belongs to another process. */
  startTicks?: string;
}

export class OutboxLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
  ) {
    super(
      `another hivewatch-agent (pid ${holderPid}) is already using this outbox and state file ` +
        `(lock ${lockPath}): stop it, or give this agent its own --state file`,
    );
    this.name = 'OutboxLockedError';
  }
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** Start time of a process in clock ticks since boot; undefined when /proc cannot tell. */
function startTicks(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count from after the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeSelf(): LockHolder {
  return {
    pid: process.pid,
    bootId: readText('/proc/sys/kernel/random/boot_id'),
    startTicks: startTicks(process.pid),
  };
}

function parseHolder(text: string | undefined): LockHolder | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || !Number.isSafeInteger(value.pid) || value.pid <= 0) return undefined;
    return {
      pid: value.pid,
      bootId: typeof value.bootId === 'string' ? value.bootId : undefined,
      startTicks: typeof value.startTicks === 'string' ? value.startTicks : undefined,
    };
  } catch {
    return undefined;
  }
}

/** Whether the recorded holder still runs: same boot, same PID, same process start time. */
function isAlive(holder: LockHolder, self: LockHolder): boolean {
  if (holder.bootId !== undefined && self.bootId !== undefined && holder.bootId !== self.bootId) return false;
  if (!isRunning(holder.pid)) return false;
  if (holder.startTicks === undefined) return true;
  const now = startTicks(holder.pid);
  return now === undefined || now === holder.startTicks;
}

/**
 * An exclusive, PID-stamped lock file (`<outbox>.lock`) so that two agent processes never share an
 * outbox (they would send each other's samples). The file is created atomically (written aside, then
 * hard-linked into place, which fails if it exists) so a reader never sees it half-written. A lock
 * whose holder is gone (dead PID, recycled PID, other boot, unreadable content) is taken over.
 */
export class OutboxLock {
  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {}

  static acquire(path: string): OutboxLock {
    const self = describeSelf();
    const content = `${JSON.stringify(self)}\n`;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    for (let attempt = 0; attempt < 3; attempt++) {
      if (OutboxLock.create(path, content)) return new OutboxLock(path, content);
      const seen = readText(path);
      if (seen === undefined) continue; // released meanwhile: try again
      const holder = parseHolder(seen);
      if (holder && isAlive(holder, self)) throw new OutboxLockedError(path, holder.pid);
      OutboxLock.removeStale(path, seen);
    }
    throw new OutboxLockedError(path, parseHolder(readText(path))?.pid ?? 0);
  }

  /** Removes the lock if it is still ours (a stale-lock takeover elsewhere must not lose its lock). */
  release(): void {
    if (readText(this.path) === this.content.trim()) {
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
  }

  private static create(path: string, content: string): boolean {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, content, { mode: 0o600 });
    try {
      linkSync(temporary, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      // File systems without hard links: an exclusive create (O_EXCL) instead.
      try {
        writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
        return true;
      } catch (fallback) {
        if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw fallback;
      }
    } finally {
      unlinkSync(temporary);
    }
  }

  /**
   * Moves the stale lock aside and deletes it, unless another process replaced it in between (then
   * the moved file is that process's live lock: it is put back, and acquire() sees it next time).
   */
  private static removeStale(path: string, staleContent: string): void {
    const aside = `${path}.stale.${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      return; // someone else moved it first
    }
    if (readText(aside) !== staleContent) {
      try {
        linkSync(aside, path);
      } catch {
        // a third process holds it now; acquire() will find that one
      }
    }
    unlinkSync(aside);
  }
}
