import type { LiveSample } from '../api/records.js';
import type { DerivedReader, MetricDef } from './metric-def.js';
import type { SampleGaugeField } from './views.js';

/**
 * How records and alerts read a metric from an internal sample: the sample field the registry
 * names, or a derived reader. `mountpoint` narrows `disk` to one filesystem (alert conditions).
 */
export type MetricReader = (s: LiveSample, where?: { mountpoint?: string }) => number | undefined;

/** Largest defined value over a list; no allocation on the hot path. */
function maxOf<T>(items: readonly T[] | undefined, get: (item: T) => number | undefined): number | undefined {
  if (!items) return undefined;
  let best: number | undefined;
  for (const item of items) {
    const v = get(item);
    if (v !== undefined && (best === undefined || v > best)) best = v;
  }
  return best;
}

/** Mean GPU utilisation over the GPUs that report it. */
function gpuUtilisationMean(s: LiveSample): number | undefined {
  if (!s.gpus) return undefined;
  let sum = 0;
  let count = 0;
  for (const g of s.gpus) {
    if (g.utilizationPercent !== undefined) {
      sum += g.utilizationPercent;
      count++;
    }
  }
  return count > 0 ? sum / count : undefined;
}

/**
 * Sum of a byte counter over interfaces. Each counter is at most 2^53 − 1 (the protocol's range),
 * but their sum is not: it saturates there, the largest value the record format keeps exactly.
 */
function interfaceTotal(s: LiveSample, field: 'rxBytes' | 'txBytes'): number | undefined {
  let sum = 0;
  let seen = false;
  for (const i of s.interfaces) {
    const v = i[field];
    if (v !== undefined) {
      sum += v;
      seen = true;
    }
  }
  return seen ? Math.min(sum, Number.MAX_SAFE_INTEGER) : undefined;
}

/** The fullest filesystem, or the one mounted at `mountpoint` when given. */
function fullestDisk(s: LiveSample, where?: { mountpoint?: string }): number | undefined {
  let best: number | undefined;
  for (const d of s.disks) {
    if (where?.mountpoint !== undefined) {
      if (d.mountpoint === where.mountpoint) return d.usagePercent;
    } else if (best === undefined || d.usagePercent > best) {
      best = d.usagePercent;
    }
  }
  return best;
}

const DERIVED: Readonly<Record<DerivedReader, MetricReader>> = {
  fullestDisk,
  gpuUtilisationMean,
  gpuUtilisationMax: (s) => maxOf(s.gpus, (g) => g.utilizationPercent),
  gpuMemoryMax: (s) =>
    maxOf(s.gpus, (g) =>
      g.memoryUsedMB !== undefined && g.memoryTotalMB ? (g.memoryUsedMB / g.memoryTotalMB) * 100 : undefined,
    ),
  gpuTemperatureMax: (s) => maxOf(s.gpus, (g) => g.temperatureC),
  rxBytesTotal: (s) => interfaceTotal(s, 'rxBytes'),
  txBytesTotal: (s) => interfaceTotal(s, 'txBytes'),
};

function fieldReader(field: string | undefined, key: string): MetricReader {
  if (field === undefined) throw new Error(`metric ${key} names neither a sample field nor a reader`);
  const f = field as SampleGaugeField;
  return (s) => s[f];
}

/** What records store for a metric. */
export function recordReader(def: MetricDef): MetricReader {
  return def.derived ? DERIVED[def.derived] : fieldReader(def.sample, def.key);
}

/** What an alert condition on a metric compares (the busiest GPU where records keep the mean). */
export function alertReader(def: MetricDef): MetricReader {
  return def.alertDerived ? DERIVED[def.alertDerived] : recordReader(def);
}
