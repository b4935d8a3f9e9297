import type { AvgMax, HistoryPoint, NetPoint } from '@hivewatch/protocol';
import {
  COUNTERS,
  DISK_PREFIX,
  DISK_USAGE_SCALE,
  GAUGES,
  NET_PREFIX,
  FINE_RATE_SCALE,
} from './metric-catalog.js';
import type { RecordValues } from './record-values.js';

export type { AvgMax, HistoryPoint, History as HistoryResult, NetPoint } from '@hivewatch/protocol';

const gaugeIndex = new Map(GAUGES.map((g, i) => [g.key, i]));
const counterIndex = new Map(COUNTERS.map((c, i) => [c.key, i]));

/** Rounds to the stored resolution, so in-memory and stored minutes look alike. */
const at = (v: number, scale: number) => Math.round(v * scale) / scale;

export function metricValue(v: RecordValues, name: string): AvgMax | NetPoint | number | null {
  const g = gaugeIndex.get(name);
  if (g !== undefined) {
    const avg = v.avg[g] ?? null;
    const max = v.max[g] ?? null;
    if (avg === null || max === null) return null;
    const scale = GAUGES[g]!.scale;
    return { avg: at(avg, scale), max: at(max, scale) };
  }
  const c = counterIndex.get(name);
  if (c !== undefined) return v.counters[c] ?? null;
  if (name.startsWith(DISK_PREFIX)) {
    const usage = v.disks.get(name);
    return usage === undefined ? null : at(usage, DISK_USAGE_SCALE);
  }
  if (name.startsWith(NET_PREFIX)) {
    const net = v.nets.get(name);
    if (!net) return null;
    return { in: at(net.in, FINE_RATE_SCALE), out: at(net.out, FINE_RATE_SCALE) };
  }
  return null;
}

export function toPoint(t: number, v: RecordValues, metrics: readonly string[]): HistoryPoint {
  const point: HistoryPoint = { t };
  for (const name of metrics) point[name] = metricValue(v, name);
  return point;
}

/** `disk:*` and `net:*` stand for every filesystem / interface the server has reported. */
export function expandMetrics(requested: readonly string[], labels: Iterable<string>): string[] {
  const known = [...new Set(labels)].sort();
  const out: string[] = [];
  for (const name of requested) {
    if (name === `${DISK_PREFIX}*` || name === `${NET_PREFIX}*`) {
      const prefix = name.slice(0, -1);
      for (const l of known) if (l.startsWith(prefix)) out.push(l);
    } else out.push(name);
  }
  return [...new Set(out)];
}
