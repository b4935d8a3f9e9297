import type { AlertMetric, Operator } from '../../core/hub-types';

export interface MetricInfo {
  label: string;
  /** Units a threshold may be written in; the first is the metric's base unit. */
  units: readonly string[];
}

const RATE_MB = ['MB/s', 'KB/s', 'GB/s'] as const;
const RATE_MBIT = ['Mbit/s', 'Kbit/s', 'Gbit/s'] as const;
const CELSIUS = ['°C', 'C'] as const;

/**
 * What each gauge is called and which units its threshold takes (docs/alerts.md). Keyed by the
 * hub's own metric type, so a metric added to the hub does not compile here until it is described;
 * metric-catalog.spec.ts checks the units against the hub's table.
 */
export const METRIC_CATALOG: Readonly<Record<AlertMetric, MetricInfo>> = {
  cpu: { label: 'CPU', units: ['%'] },
  mem: { label: 'Memory', units: ['%'] },
  swap: { label: 'Swap', units: ['%'] },
  load1: { label: 'Load 1 min', units: ['per core'] },
  load5: { label: 'Load 5 min', units: ['per core'] },
  load15: { label: 'Load 15 min', units: ['per core'] },
  disk: { label: 'Disk usage', units: ['%'] },
  diskRead: { label: 'Disk read', units: RATE_MB },
  diskWrite: { label: 'Disk write', units: RATE_MB },
  netIn: { label: 'Network in', units: RATE_MBIT },
  netOut: { label: 'Network out', units: RATE_MBIT },
  tcp: { label: 'TCP connections', units: ['connections'] },
  udp: { label: 'UDP sockets', units: ['sockets'] },
  processes: { label: 'Processes', units: ['processes'] },
  temperature: { label: 'CPU temperature', units: CELSIUS },
  gpu: { label: 'GPU utilisation', units: ['%'] },
  gpuMemory: { label: 'GPU memory', units: ['%'] },
  gpuTemperature: { label: 'GPU temperature', units: CELSIUS },
};

export const METRICS = Object.keys(METRIC_CATALOG) as AlertMetric[];

const OPERATOR_WORDS: Readonly<Record<Operator, string>> = {
  '>': 'above',
  '>=': 'at or above',
  '<': 'below',
  '<=': 'at or below',
};
export const OPERATORS = Object.keys(OPERATOR_WORDS) as Operator[];

export function operatorWords(op: Operator): string {
  return OPERATOR_WORDS[op];
}

export const QUOTA_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
export type QuotaUnit = (typeof QUOTA_UNITS)[number];
