import { COUNTERS, DISK_PREFIX, GAUGES, NET_PREFIX } from './metric-catalog.js';
import type { AvgMax, HistoryResult, NetPoint } from './history-points.js';

const gauges = new Set(GAUGES.map((g) => g.key));
const counters = new Set(COUNTERS.map((c) => c.key));

function columns(metric: string): string[] {
  if (gauges.has(metric)) return [`${metric}_avg`, `${metric}_max`];
  if (counters.has(metric) || metric.startsWith(DISK_PREFIX)) return [metric];
  if (metric.startsWith(NET_PREFIX)) return [`${metric}_in`, `${metric}_out`];
  return [metric];
}

function cells(metric: string, value: AvgMax | NetPoint | number | null | undefined): (number | null)[] {
  if (value === null || value === undefined) return new Array<null>(columns(metric).length).fill(null);
  if (typeof value === 'number') return [value];
  if ('avg' in value) return [value.avg, value.max];
  return [value.in, value.out];
}

const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One header row (`time`, then one column per value), one row per point; empty cells for gaps. */
export function historyToCsv(result: HistoryResult): string {
  const header = ['time', ...result.metrics.flatMap(columns)].map(quote).join(',');
  const lines = result.points.map((p) =>
    [new Date(p.t).toISOString(), ...result.metrics.flatMap((m) => cells(m, p[m]))]
      .map((c) => (c === null ? '' : String(c)))
      .join(','),
  );
  return [header, ...lines].join('\r\n') + '\r\n';
}
