import { availableParallelism } from 'node:os';
import type { NormalizedLoad } from './types.js';
import { round } from './units.js';

export interface LoadAvg {
  load1: number;
  load5: number;
  load15: number;
  /** Kernel scheduling entities (threads, not processes): the number after the slash. */
  threads: number;
}

/** /proc/loadavg: "0.16 0.32 0.26 1/141 15261". */
export function parseLoadavg(text: string): LoadAvg {
  const fields = text.trim().split(' ');
  const slash = (fields[3] ?? '').split('/');
  return {
    load1: Number(fields[0]),
    load5: Number(fields[1]),
    load15: Number(fields[2]),
    threads: Number(slash[1] ?? 0),
  };
}

export function normalizeLoad(load: LoadAvg, logicalCpus: number): NormalizedLoad {
  const cpus = logicalCpus > 0 ? logicalCpus : 1;
  return {
    '1m': round(load.load1 / cpus, 3),
    '5m': round(load.load5 / cpus, 3),
    '15m': round(load.load15 / cpus, 3),
  };
}

/** Counts the CPUs of a kernel cpu list such as /sys/devices/system/cpu/online ("0-3,6,8-9"). */
export function countCpuList(text: string): number {
  let count = 0;
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const [from, to] = part.split('-');
    const first = Number(from);
    const last = to === undefined ? first : Number(to);
    if (Number.isInteger(first) && Number.isInteger(last) && last >= first) count += last - first + 1;
  }
  return count;
}

/** Online logical CPUs from sysfs, falling back to what Node sees (e.g. without /sys). */
export function countOnlineCpus(onlineListText: string | undefined): number {
  const counted = onlineListText === undefined ? 0 : countCpuList(onlineListText);
  return counted > 0 ? counted : availableParallelism();
}
