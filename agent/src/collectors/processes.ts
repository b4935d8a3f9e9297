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
