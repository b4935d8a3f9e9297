import type { MetricsPayload } from '../agent/metrics.js';
import type { MetricDef } from './metric-def.js';
import { CHART_GROUPS, METRIC_REGISTRY, type ChartGroupId } from './registry.js';

/** What the hub and the console derive from the registry (registry.ts). */

type Entry = (typeof METRIC_REGISTRY)[number];

/** Every metric key: the one name inside the hub and the console. */
export type MetricKey = Entry['key'];
/** Keys a metric condition of an alert rule may watch. */
export type AlertMetric = Extract<Entry, { alert: object }>['key'];
/** Internal sample (`LiveSample`) fields that hold one metric each. */
export type SampleGaugeField = Extract<Entry, { sample: string }>['sample'];

/** The registry seen through the general entry type (for loops over all entries). */
export const ALL_METRICS: readonly MetricDef[] = METRIC_REGISTRY;

const byKey = new Map(ALL_METRICS.map((m) => [m.key, m]));

/** The registry entry of a key; throws for a key the registry does not hold (a programming error). */
export function metricDef(key: string): MetricDef {
  const def = byKey.get(key);
  if (!def) throw new Error(`unknown metric ${key}`);
  return def;
}

/** Stored metrics in stored order (the record format's order: never reordered). */
export const STORED_METRICS: readonly MetricDef[] = ALL_METRICS.filter((m) => m.stored);

/** Alert metric keys in registry order: the alert rule schema's enum. */
export const ALERT_METRICS = ALL_METRICS.filter((m) => m.alert).map((m) => m.key) as unknown as readonly [
  AlertMetric,
  ...AlertMetric[],
];

/** Sample fields the registry declares, in registry order (the `LiveSample` schema adds them). */
export const SAMPLE_GAUGE_FIELDS = ALL_METRICS.flatMap((m) =>
  m.sample ? [m.sample] : [],
) as readonly SampleGaugeField[];

/** A chart of the console's history panel with the metrics drawn on it, in registry order. */
export interface ChartOfMetrics {
  id: ChartGroupId;
  title: string;
  unit: string;
  metrics: readonly MetricDef[];
}

/** Charts in display order; a chart no charted metric names is left out. */
export const CHARTS_OF_METRICS: readonly ChartOfMetrics[] = CHART_GROUPS.map((g) => ({
  ...g,
  metrics: ALL_METRICS.filter((m) => m.chart?.group === g.id),
})).filter((c) => c.metrics.length > 0);

const FROM_SEED_002 = ALL_METRICS.filter((m) => m.sample !== undefined && m.fromSeed002 !== undefined);

/**
 * Copies every registry gauge the seed-002 payload gives directly into the sample's field (a value
 * the payload lacks, or sends as null, leaves the field absent).
 */
export function copySeed002Gauges(p: MetricsPayload, into: Partial<Record<SampleGaugeField, number>>): void {
  const target = into as Record<string, number>;
  for (const m of FROM_SEED_002) {
    const v = m.fromSeed002!(p);
    if (v !== null && v !== undefined) target[m.sample!] = v;
  }
}
