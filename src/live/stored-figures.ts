import type { ServerMetricsSummary } from '@hivewatch/protocol';
import { metricValue } from '../records/history-points.js';
import type { LastRecord } from '../records/last-records.service.js';
import { DISK_USAGE_SCALE } from '../records/metric-catalog.js';
import type { RecordValues } from '../records/record-values.js';
import { MINUTE_MS } from '../records/time-units.js';

function average(v: RecordValues, key: string): number | null {
  const value = metricValue(v, key);
  return value !== null && typeof value === 'object' && 'avg' in value ? value.avg : null;
}

function count(v: RecordValues, key: string): number | null {
  const value = average(v, key);
  return value === null ? null : Math.round(value);
}

/**
 * An overview summary from a server's newest stored minute (a hub that restarted while the server
 * was away): the minute's averages, the fullest filesystem, the last kept uptime. Sizes in GB are
 * not in the records and are null. `at` is the last contact when it falls in that minute, else the
 * minute's start. Null when the row lacks the two figures every sample has (CPU, memory).
 */
export function storedSummary(last: LastRecord, lastSeenAt: number | null): ServerMetricsSummary | null {
  const v = last.values;
  const cpuPercent = average(v, 'cpu');
  const memoryPercent = average(v, 'mem');
  if (cpuPercent === null || memoryPercent === null) return null;
  const start = last.minute * MINUTE_MS;
  const at =
    lastSeenAt !== null && lastSeenAt >= start && lastSeenAt < start + MINUTE_MS ? lastSeenAt : start;
  let diskPercent: number | null = null;
  for (const usage of v.disks.values()) diskPercent = Math.max(diskPercent ?? 0, usage);
  const uptime = metricValue(v, 'uptime');
  return {
    at: new Date(at).toISOString(),
    cpuPercent,
    memoryPercent,
    memoryUsedGB: null,
    memoryTotalGB: null,
    swapPercent: average(v, 'swap'),
    load1: average(v, 'load1') ?? 0,
    load5: average(v, 'load5') ?? 0,
    load15: average(v, 'load15') ?? 0,
    diskPercent: diskPercent === null ? null : Math.round(diskPercent * DISK_USAGE_SCALE) / DISK_USAGE_SCALE,
    diskUsedGB: null,
    diskTotalGB: null,
    diskReadMBps: average(v, 'diskRead') ?? 0,
    diskWriteMBps: average(v, 'diskWrite') ?? 0,
    netInMbps: average(v, 'netIn') ?? 0,
    netOutMbps: average(v, 'netOut') ?? 0,
    uptimeSeconds: typeof uptime === 'number' ? uptime : null,
    processCount: count(v, 'processes'),
    tcpConnections: count(v, 'tcp'),
    udpConnections: count(v, 'udp'),
    cpuTemperatureC: average(v, 'temperature'),
  };
}
