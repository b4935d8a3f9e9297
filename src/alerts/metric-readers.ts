import { ALERT_METRIC_UNITS, allowedUnits } from '@hivewatch/protocol';
import type { Sample } from '../records/sample.js';
import type { AlertMetric, MetricCondition, Operator } from './dto/alert-rule.dto.js';

interface MetricDef {
  /** Base unit: samples are in this unit. */
  unit: string;
  label: string;
  read: (s: Sample, c: MetricCondition) => number | undefined;
  /** Other units a threshold may be given in: factor to the base unit. */
  units?: Readonly<Record<string, number>>;
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

export const METRICS: Record<AlertMetric, MetricDef> = {
  cpu: { ...ALERT_METRIC_UNITS.cpu, label: 'CPU', read: (s) => s.cpuPercent },
  mem: { ...ALERT_METRIC_UNITS.mem, label: 'memory', read: (s) => s.memPercent },
  swap: { ...ALERT_METRIC_UNITS.swap, label: 'swap', read: (s) => s.swapPercent },
  load1: { ...ALERT_METRIC_UNITS.load1, label: 'load 1m', read: (s) => s.load1 },
  load5: { ...ALERT_METRIC_UNITS.load5, label: 'load 5m', read: (s) => s.load5 },
  load15: { ...ALERT_METRIC_UNITS.load15, label: 'load 15m', read: (s) => s.load15 },
  disk: { ...ALERT_METRIC_UNITS.disk, label: 'disk usage', read: diskUsage },
  diskRead: { ...ALERT_METRIC_UNITS.diskRead, label: 'disk read', read: (s) => s.diskReadMBps },
  diskWrite: { ...ALERT_METRIC_UNITS.diskWrite, label: 'disk write', read: (s) => s.diskWriteMBps },
  netIn: { ...ALERT_METRIC_UNITS.netIn, label: 'network in', read: (s) => s.netInMbps },
  netOut: { ...ALERT_METRIC_UNITS.netOut, label: 'network out', read: (s) => s.netOutMbps },
  tcp: { ...ALERT_METRIC_UNITS.tcp, label: 'TCP connections', read: (s) => s.tcpConnections },
  udp: { ...ALERT_METRIC_UNITS.udp, label: 'UDP sockets', read: (s) => s.udpConnections },
  processes: { ...ALERT_METRIC_UNITS.processes, label: 'processes', read: (s) => s.processCount },
  temperature: {
    ...ALERT_METRIC_UNITS.temperature,
    label: 'CPU temperature',
    read: (s) => s.cpuTemperatureC,
  },
  gpu: {
    ...ALERT_METRIC_UNITS.gpu,
    label: 'GPU utilisation',
    read: (s) => maxOf(s.gpus, (g) => g.utilizationPercent),
  },
  gpuMemory: {
    ...ALERT_METRIC_UNITS.gpuMemory,
    label: 'GPU memory',
    read: (s) =>
      maxOf(s.gpus, (g) =>
        g.memoryUsedMB !== undefined && g.memoryTotalMB
          ? (g.memoryUsedMB / g.memoryTotalMB) * 100
          : undefined,
      ),
  },
  gpuTemperature: {
    ...ALERT_METRIC_UNITS.gpuTemperature,
    label: 'GPU temperature',
    read: (s) => maxOf(s.gpus, (g) => g.temperatureC),
  },
};

/** Units a metric's threshold may be written in (its base unit always): the protocol's table. */
export { allowedUnits };

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
