import { ALERT_METRICS, allowedUnits } from '@hivewatch/protocol';
import type { AlertMetric, Operator } from '../../core/hub-types';

export interface MetricInfo {
  label: string;
  /** Units a threshold may be written in; the first is the metric's base unit. */
  units: readonly string[];
}

/** What each gauge is called in the rule editor (docs/alerts.md). */
const LABELS: Readonly<Record<AlertMetric, string>> = {
  cpu: 'CPU',
  mem: 'Memory',
  swap: 'Swap',
  load1: 'Load 1 min',
  load5: 'Load 5 min',
  load15: 'Load 15 min',
  disk: 'Disk usage',
  diskRead: 'Disk read',
  diskWrite: 'Disk write',
  netIn: 'Network in',
  netOut: 'Network out',
  tcp: 'TCP connections',
  udp: 'UDP sockets',
  processes: 'Processes',
  temperature: 'CPU temperature',
  gpu: 'GPU utilisation',
  gpuMemory: 'GPU memory',
  gpuTemperature: 'GPU temperature',
};

/**
 * What each gauge is called and which units its threshold takes: the units are the protocol's own
 * table (the ones the hub accepts), so they cannot drift.
 */
export const METRIC_CATALOG: Readonly<Record<AlertMetric, MetricInfo>> = Object.fromEntries(
  ALERT_METRICS.map((m): [AlertMetric, MetricInfo] => [
    m,
    { label: LABELS[m], units: [...new Set(allowedUnits(m))] },
  ]),
) as unknown as Record<AlertMetric, MetricInfo>;

export const METRICS: readonly AlertMetric[] = ALERT_METRICS;

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
