import { round } from './units.js';

/** Busy and total jiffies of one CPU line of /proc/stat. */
export interface CpuTicks {
  busy: number;
  total: number;
}

export interface CpuStat {
  /** The aggregate `cpu` line. */
  all: CpuTicks;
  /** `cpuN` lines, indexed by N (offline CPUs leave holes: undefined). */
  cores: (CpuTicks | undefined)[];
}

/**
 * Parses /proc/stat's cpu lines. Columns: user nice system idle iowait irq softirq steal guest
 * guest_nice. idle + iowait count as idle; guest and guest_nice are left out of the total because
 * the kernel already includes them in user and nice.
 */
export function parseProcStat(text: string): CpuStat {
  let all: CpuTicks = { busy: 0, total: 0 };
  const cores: (CpuTicks | undefined)[] = [];
  let start = 0;
  while (start < text.length && text.startsWith('cpu', start)) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const fields = text.slice(start, end).split(' ');
    const label = fields[0] ?? '';
    let total = 0;
    let idle = 0;
    let column = 0;
    for (let i = 1; i < fields.length && column < 8; i++) {
      const field = fields[i];
      if (field === undefined || field === '') continue; // "cpu  123" has two spaces
      const value = Number(field);
      total += value;
      if (column === 3 || column === 4) idle += value;
      column++;
    }
    const ticks = { busy: total - idle, total };
    if (label === 'cpu') all = ticks;
    else cores[Number(label.slice(3))] = ticks;
    start = end + 1;
  }
  return { all, cores };
}

/** Busy percentage between two readings; 0 when no time passed (never NaN), clamped to 0–100. */
export function cpuPercent(previous: CpuTicks, current: CpuTicks): number {
  const total = current.total - previous.total;
  if (total <= 0) return 0;
  // iowait may go backwards on some kernels, so busy can momentarily exceed the total: clamp.
  const busy = current.busy - previous.busy;
  return round(Math.min(100, Math.max(0, (busy / total) * 100)), 2);
}

/** Per-core busy percentages; a core missing from either reading (hot-unplugged) reports 0. */
export function perCorePercent(previous: CpuStat, current: CpuStat): number[] {
  const result: number[] = [];
  for (let i = 0; i < current.cores.length; i++) {
    const before = previous.cores[i];
    const now = current.cores[i];
    result.push(before && now ? cpuPercent(before, now) : 0);
  }
  return result;
}
