import { readdirSync } from 'node:fs';

/**
 * Processes = numeric entries of /proc (threads are not listed there, only under /proc/PID/task).
 * /proc/loadavg's "1/141" is cheaper but counts threads, so it over-reports by the thread count of
 * every multi-threaded process (a single Node process has ~11).
 */
export function countProcesses(procRoot: string): number {
  return countNumericNames(readdirSync(procRoot));
}

export function countNumericNames(names: readonly string[]): number {
  let count = 0;
  for (const name of names) {
    const first = name.charCodeAt(0);
    if (first >= 48 && first <= 57) count++;
  }
  return count;
}

/**
 * countProcesses() that lists /proc again only when a task may have come or gone. Listing /proc is
 * the dearest part of a collection (the kernel looks up every PID), while /proc/loadavg (read anyway)
 * names the total of tasks and the last PID handed out: a new process or thread moves the last PID,
 * and one that ends lowers the total, so while both stay the same the previous count still holds.
 * (In a PID namespace of its own, the last PID is that namespace's: a task that ends inside at the
 * moment one starts outside leaves both unchanged, and the count is off by one until the next change.)
 */
export class ProcessCounter {
  private lastKey: string | undefined;
  private lastCount = 0;

  constructor(
    private readonly procRoot: string,
    private readonly readText: (path: string) => string | undefined,
  ) {}

  count(): number {
    const key = tasksKey(this.readText(`${this.procRoot}/loadavg`));
    if (key !== undefined && key === this.lastKey) return this.lastCount;
    const count = countProcesses(this.procRoot);
    this.lastKey = key;
    this.lastCount = count;
    return count;
  }
}

/** "1/141 15261" of "0.16 0.32 0.26 1/141 15261": task total and last PID (the running count left out). */
function tasksKey(loadavg: string | undefined): string | undefined {
  const fields = loadavg?.trim().split(' ');
  const total = fields?.[3]?.split('/')[1];
  const lastPid = fields?.[4];
  return total !== undefined && lastPid !== undefined && /^\d+$/.test(total) && /^\d+$/.test(lastPid)
    ? `${total} ${lastPid}`
    : undefined;
}
