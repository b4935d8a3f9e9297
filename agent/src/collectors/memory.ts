import { BYTES_PER_GB, BYTES_PER_KB, percent, round } from './units.js';

export interface MemInfo {
  memTotalKiB: number;
  memAvailableKiB: number;
  swapTotalKiB: number;
  swapFreeKiB: number;
}

export interface MemoryMetrics {
  ramUsagePercent: number;
  ramUsedGB: number;
  ramTotalGB: number;
  swapUsagePercent: number;
}

/** Picks the four fields we need out of /proc/meminfo ("Key:   123 kB" lines, values in KiB). */
export function parseMeminfo(text: string): MemInfo {
  const info: MemInfo = { memTotalKiB: 0, memAvailableKiB: 0, swapTotalKiB: 0, swapFreeKiB: 0 };
  let found = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon);
    const value = Number.parseInt(line.slice(colon + 1), 10);
    if (key === 'MemTotal') info.memTotalKiB = value;
    else if (key === 'MemAvailable') info.memAvailableKiB = value;
    else if (key === 'SwapTotal') info.swapTotalKiB = value;
    else if (key === 'SwapFree') info.swapFreeKiB = value;
    else continue;
    if (++found === 4) break;
  }
  return info;
}

/** RAM in use = MemTotal − MemAvailable (page cache that can be dropped does not count). */
export function memoryMetrics(info: MemInfo): MemoryMetrics {
  const usedKiB = Math.max(0, info.memTotalKiB - info.memAvailableKiB);
  return {
    ramUsagePercent: percent(usedKiB, info.memTotalKiB),
    ramUsedGB: round((usedKiB * BYTES_PER_KB) / BYTES_PER_GB, 2),
    ramTotalGB: round((info.memTotalKiB * BYTES_PER_KB) / BYTES_PER_GB, 2),
    swapUsagePercent: percent(info.swapTotalKiB - info.swapFreeKiB, info.swapTotalKiB),
  };
}
