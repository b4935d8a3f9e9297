import { ALERT_METRIC_UNITS, ALERT_METRICS, alertReader, allowedUnits, metricDef } from '@hivewatch/protocol';
import type { Sample } from '../records/sample.js';
import type { AlertMetric, MetricCondition, Operator } from './dto/alert-rule.dto.js';

interface AlertMetricDef {
  /** Base unit: samples are in this unit. */
  unit: string;
  /** How alert messages name it. */
  label: string;
  read: (s: Sample, c: MetricCondition) => number | undefined;
  /** Other units a threshold may be given in: factor to the base unit. */
  units?: Readonly<Record<string, number>>;
}

/**
 * Each alert metric of the registry (libs/protocol/src/metrics): its threshold units, the label
 * alert messages use and its reader — the records' reader except where the registry says alerts
 * read differently (`gpu`: the busiest GPU, where records keep the mean).
 */
export const METRICS: Readonly<Record<AlertMetric, AlertMetricDef>> = Object.fromEntries(
  ALERT_METRICS.map((key): [AlertMetric, AlertMetricDef] => {
    const def = metricDef(key);
    return [key, { ...ALERT_METRIC_UNITS[key], label: def.alert!.label, read: alertReader(def) }];
  }),
) as Record<AlertMetric, AlertMetricDef>;

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
