import { ALERT_METRICS, allowedUnits, metricDef, type AlertMetric, type Operator } from '@hivewatch/protocol';

export interface MetricInfo {
  label: string;
  /** Units a threshold may be written in; the first is the metric's base unit. */
  units: readonly string[];
}

/**
 * What each gauge is called and which units its threshold takes, from the metric registry
 * (libs/protocol/src/metrics): the units are the ones the hub accepts, so they cannot drift.
 */
export const METRIC_CATALOG: Readonly<Record<AlertMetric, MetricInfo>> = Object.fromEntries(
  ALERT_METRICS.map((m): [AlertMetric, MetricInfo] => [
    m,
    { label: metricDef(m).label, units: [...new Set(allowedUnits(m))] },
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
