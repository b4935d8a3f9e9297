import { DISK_PREFIX, NET_PREFIX } from '@hivewatch/protocol';
import type { Sample } from './sample.js';

/**
 * What a minute or hourly record holds, in a fixed order (the order is part of the stored format:
 * append new metrics at the end, never reorder). `scale` turns the reported unit into the stored
 * integer; it is the resolution the history keeps (e.g. 0.1 % for percentages).
 */
export interface GaugeDef {
  key: string;
  unit: string;
  scale: number;
  read: (s: Sample) => number | undefined;
}

export interface CounterDef {
  key: string;
  unit: string;
  read: (s: Sample) => number | undefined;
}

/** Mean GPU utilisation over the GPUs that report it; no allocation on the hot path. */
function gpuUtilisation(s: Sample): number | undefined {
  if (!s.gpus) return undefined;
  let sum = 0;
  let count = 0;
  for (const g of s.gpus) {
    if (g.utilizationPercent !== undefined) {
      sum += g.utilizationPercent;
      count++;
    }
  }
  return count > 0 ? sum / count : undefined;
}

/**
 * Sum of a byte counter over interfaces. Each counter is at most 2^53 − 1 (the protocol's range),
 * but their sum is not: it saturates there, the largest value the record format keeps exactly.
 */
function interfaceTotal(s: Sample, field: 'rxBytes' | 'txBytes'): number | undefined {
  let sum = 0;
  let seen = false;
  for (const i of s.interfaces) {
    const v = i[field];
    if (v !== undefined) {
      sum += v;
      seen = true;
    }
  }
  return seen ? Math.min(sum, Number.MAX_SAFE_INTEGER) : undefined;
}

export const GAUGES: readonly GaugeDef[] = [
  { key: 'cpu', unit: '%', scale: 10, read: (s) => s.cpuPercent },
  { key: 'mem', unit: '%', scale: 10, read: (s) => s.memPercent },
  { key: 'swap', unit: '%', scale: 10, read: (s) => s.swapPercent },
  { key: 'load1', unit: 'per core', scale: 100, read: (s) => s.load1 },
  { key: 'load5', unit: 'per core', scale: 100, read: (s) => s.load5 },
  { key: 'load15', unit: 'per core', scale: 100, read: (s) => s.load15 },
  { key: 'diskRead', unit: 'MB/s', scale: 100, read: (s) => s.diskReadMBps },
  { key: 'diskWrite', unit: 'MB/s', scale: 100, read: (s) => s.diskWriteMBps },
  { key: 'netIn', unit: 'Mbit/s', scale: 100, read: (s) => s.netInMbps },
  { key: 'netOut', unit: 'Mbit/s', scale: 100, read: (s) => s.netOutMbps },
  { key: 'tcp', unit: 'connections', scale: 1, read: (s) => s.tcpConnections },
  { key: 'udp', unit: 'sockets', scale: 1, read: (s) => s.udpConnections },
  { key: 'processes', unit: 'processes', scale: 1, read: (s) => s.processCount },
  { key: 'temperature', unit: '°C', scale: 1, read: (s) => s.cpuTemperatureC },
  { key: 'gpu', unit: '%', scale: 10, read: gpuUtilisation },
];

/** Monotonic counters: the record keeps the last value of its period. */
export const COUNTERS: readonly CounterDef[] = [
  { key: 'uptime', unit: 's', read: (s) => s.uptimeSeconds },
  { key: 'rxBytes', unit: 'bytes', read: (s) => interfaceTotal(s, 'rxBytes') },
  { key: 'txBytes', unit: 'bytes', read: (s) => interfaceTotal(s, 'txBytes') },
];

/**
 * Per-filesystem usage (%) and per-interface average rates (Mbit/s; the maximum is kept for the
 * total), stored at these resolutions.
 */
export const DISK_USAGE_SCALE = 10;
export const NET_RATE_SCALE = 100;

/**
 * Distinct per-filesystem / per-interface labels a server's series may hold. Beyond it, new names
 * are left out of the records (the rest of the sample is stored) and counted; the protocol already
 * caps one sample at 256 filesystems and 512 interfaces, this caps what many samples add up to.
 */
export const MAX_LABELS_PER_SERVER = 1024;

export { DISK_PREFIX, NET_PREFIX };

/**
 * Counters and filesystem usage move slowly or only upwards: minute rows keep them every
 * SLOW_EVERY_MINUTES minutes (the last minute of each block), which saves a fifth of a minute row.
 * Hourly rows take the latest kept value.
 */
export const SLOW_EVERY_MINUTES = 5;
export const keepsSlowValues = (minute: number) => minute % SLOW_EVERY_MINUTES === SLOW_EVERY_MINUTES - 1;

export const GAUGE_COUNT = GAUGES.length;
export const COUNTER_COUNT = COUNTERS.length;
export const BASE_METRICS: readonly string[] = [...GAUGES.map((g) => g.key), ...COUNTERS.map((c) => c.key)];
