import type { Sample } from '../records/sample.js';
import type { AlertMetric, MetricCondition, Operator } from './dto/alert-rule.dto.js';

interface MetricDef {
  /** Base unit: samples are in this unit. */
  unit: string;
  label: string;
  read: (s: Sample, c: MetricCondition) => number | undefined;
  /** Other units a threshold may be given in: factor to the base unit. */
  units?: Record<string, number>;
}

function maxOf<T>(items: readonly T[] | undefined, get: (item: T) => number | undefined): number | undefined {
  if (!items) return undefined;
  let best: number | undefined;
  for (const item of items) {
    const v = get(item);
    if (v !== undefined && (best === undefined || v > best)) best = v;
  }
  return best;
}

function diskUsage(s: Sample, c: MetricCondition): number | undefined {
  let best: number | undefined;
  for (const d of s.disks) {
    if (c.mountpoint !== undefined) {
      if (d.mountpoint === c.mountpoint) return d.usagePercent;
    } else if (best === undefined || d.usagePercent > best) {
      best = d.usagePercent;
    }
  }
  return best;
}

const MBPS = { 'KB/s': 1 / 1000, 'MB/s': 1, 'GB/s': 1000 };
const MBITS = { 'Kbit/s': 1 / 1000, 'Mbit/s': 1, 'Gbit/s': 1000 };

export const METRICS: Record<AlertMetric, MetricDef> = {
  cpu: { unit: '%', label: 'CPU', read: (s) => s.cpuPercent },
  mem: { unit: '%', label: 'memory', read: (s) => s.memPercent },
  swap: { unit: '%', label: 'swap', read: (s) => s.swapPercent },
  load1: { unit: 'per core', label: 'load 1m', read: (s) => s.load1 },
  load5: { unit: 'per core', label: 'load 5m', read: (s) => s.load5 },
  load15: { unit: 'per core', label: 'load 15m', read: (s) => s.load15 },
  disk: { unit: '%', label: 'disk usage', read: diskUsage },
  diskRead: { unit: 'MB/s', label: 'disk read', read: (s) => s.diskReadMBps, units: MBPS },
  diskWrite: { unit: 'MB/s', label: 'disk write', read: (s) => s.diskWriteMBps, units: MBPS },
  netIn: { unit: 'Mbit/s', label: 'network in', read: (s) => s.netInMbps, units: MBITS },
  netOut: { unit: 'Mbit/s', label: 'network out', read: (s) => s.netOutMbps, units: MBITS },
  tcp: { unit: 'connections', label: 'TCP connections', read: (s) => s.tcpConnections },
  udp: { unit: 'sockets', label: 'UDP sockets', read: (s) => s.udpConnections },
  processes: { unit: 'processes', label: 'processes', read: (s) => s.processCount },
  temperature: {
    unit: '°C',
    label: 'CPU temperature',
    read: (s) => s.cpuTemperatureC,
    units: { '°C': 1, C: 1 },
  },
  gpu: { unit: '%', label: 'GPU utilisation', read: (s) => maxOf(s.gpus, (g) => g.utilizationPercent) },
  gpuMemory: {
    unit: '%',
    label: 'GPU memory',
    read: (s) =>
      maxOf(s.gpus, (g) =>
        g.memoryUsedMB !== undefined && g.memoryTotalMB
          ? (g.memoryUsedMB / g.memoryTotalMB) * 100
          : undefined,
      ),
  },
  gpuTemperature: {
    unit: '°C',
    label: 'GPU temperature',
    read: (s) => maxOf(s.gpus, (g) => g.temperatureC),
    units: { '°C': 1, C: 1 },
  },
};

/** Units a metric's threshold may be written in (its base unit always). */
export function allowedUnits(metric: AlertMetric): string[] {
  const def = METRICS[metric];
  return [def.unit, ...Object.keys(def.units ?? {})];
}

/** The threshold in the metric's base unit; undefined for a unit the metric does not know. */
export function thresholdInBaseUnit(c: MetricCondition): number | undefined {
  const def = METRICS[c.metric];
  if (c.unit === undefined || c.unit === def.unit) return c.threshold;
  const factor = def.units?.[c.unit];
  return factor === undefined ? undefined : c.threshold * factor;
}

export function compare(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

export function metricLabel(c: MetricCondition): string {
  const label = METRICS[c.metric].label;
  return c.metric === 'disk' && c.mountpoint ? `${label} ${c.mountpoint}` : label;
}
