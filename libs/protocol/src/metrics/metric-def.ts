import type { MetricsPayload } from '../agent/metrics.js';
import type { ChartGroupId } from './registry.js';

/**
 * The shape of one entry of the metric registry (registry.ts). Plain data plus tiny functions of
 * the wire payload: no zod, so the agent bundle and the console import it cheaply.
 */

/**
 * Readers for values that are not one field of the internal sample (readers.ts implements them).
 * `gpuUtilisationMean` is what records store for `gpu` (the fleet-wide picture of one host), while
 * alerts watch `gpuUtilisationMax` (the busiest GPU trips the rule): both are deliberate.
 */
export type DerivedReader =
  | 'fullestDisk'
  | 'gpuUtilisationMean'
  | 'gpuUtilisationMax'
  | 'gpuMemoryMax'
  | 'gpuTemperatureMax'
  | 'rxBytesTotal'
  | 'txBytesTotal';

export interface MetricDef {
  /** The one name inside the hub and the console: records, alert rules and the history API. */
  readonly key: string;
  /** What people read: rule editor, docs. */
  readonly label: string;
  /** Unit of the internal sample value (and of an alert threshold without a unit). */
  readonly unit: string;
  /** gauge: avg/max per period; counter: monotonic, the period keeps its last value. */
  readonly kind: 'gauge' | 'counter';
  /**
   * Kept in minute and hourly records. The order of stored metrics in this registry is the stored
   * format: append new ones at the end, never reorder or remove.
   */
  readonly stored: boolean;
  /** Stored gauges: factor to the stored integer, i.e. the resolution history keeps (10 = 0.1). */
  readonly scale?: number;
  /** Drawn in the console's history panel: on which chart, under which legend. */
  readonly chart?: { readonly group: ChartGroupId; readonly legend: string };
  /**
   * A metric condition of an alert rule may watch it. `label` names it in alert messages;
   * `units` are the other units a threshold may be written in (factor to `unit`).
   */
  readonly alert?: { readonly label: string; readonly units?: Readonly<Record<string, number>> };
  /** The internal sample (protocol `LiveSample`) field holding the value, when it is one field. */
  readonly sample?: string;
  /** How records and alerts read a value that is not one sample field. */
  readonly derived?: DerivedReader;
  /** Alerts read it differently from records (see {@link DerivedReader}). */
  readonly alertDerived?: DerivedReader;
  /**
   * Seed-002 `metrics` payload → `sample` field, when the sample field is filled from the payload
   * alone (null and undefined leave the field absent).
   */
  readonly fromSeed002?: (p: MetricsPayload) => number | null | undefined;
  /** Where the value comes from in a seed-002 `metrics` payload (docs). */
  readonly seed002: string;
  /** Where it comes from in a seed-001 `metrics` frame; null when seed 001 does not report it. */
  readonly seed001: string | null;
  /** Its name in seed 001's API-client stream `/api/v1/ws/metrics/{id}`; null when absent. */
  readonly stream: string | null;
  /** Its field in the console's overview summary (browser frame `ServerMetricsSummary`); null when absent. */
  readonly browser: string | null;
}

/** The largest element of a list of numbers; undefined for an absent or empty list. */
export function maxOfList(list: readonly number[] | undefined): number | undefined {
  if (!list || list.length === 0) return undefined;
  let best = list[0]!;
  for (const v of list) if (v > best) best = v;
  return best;
}

/** Sum of one number over a list (0 for an empty list). */
export function sumOver<T>(items: readonly T[], value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}
