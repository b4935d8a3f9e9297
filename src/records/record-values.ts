import { COUNTER_COUNT, GAUGE_COUNT } from './metric-catalog.js';

/** Average receive and transmit rates of one interface, Mbit/s. */
export interface NetValues {
  in: number;
  out: number;
}

/**
 * One minute or hour of one server, decoded: gauges as avg/max (null when not reported), counters
 * as their last value, per-filesystem usage % (last) and per-interface rates (avg/max).
 * `n` is how many samples the period folds; it weights averages when periods merge.
 */
export interface RecordValues {
  n: number;
  avg: (number | null)[];
  max: (number | null)[];
  counters: (number | null)[];
  disks: Map<string, number>;
  nets: Map<string, NetValues>;
}

/** Clears counters and filesystem usage (minute rows keep them every few minutes only). */
export function dropSlowValues(v: RecordValues): void {
  v.counters.fill(null);
  v.disks.clear();
}

export function emptyValues(): RecordValues {
  return {
    n: 0,
    avg: new Array<number | null>(GAUGE_COUNT).fill(null),
    max: new Array<number | null>(GAUGE_COUNT).fill(null),
    counters: new Array<number | null>(COUNTER_COUNT).fill(null),
    disks: new Map(),
    nets: new Map(),
  };
}

function weighted(a: number | null, na: number, b: number | null, nb: number): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return (a * na + b * nb) / (na + nb);
}

function larger(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * Merges two periods. Averages are weighted by sample count and maxima take the larger, so the
 * result equals folding both periods' samples at once (to the stored resolution).
 * `bIsLater`: b covers a later period (hourly roll-up), so its counters and disk usage win;
 * otherwise (two parts of the same minute, e.g. a late sample) counters keep the larger value,
 * which is the later one for a monotonic counter.
 */
export function mergeValues(a: RecordValues, b: RecordValues, bIsLater: boolean): RecordValues {
  const out = emptyValues();
  out.n = a.n + b.n;
  for (let i = 0; i < GAUGE_COUNT; i++) {
    out.avg[i] = weighted(a.avg[i] ?? null, a.n, b.avg[i] ?? null, b.n);
    out.max[i] = larger(a.max[i] ?? null, b.max[i] ?? null);
  }
  for (let i = 0; i < COUNTER_COUNT; i++) {
    const av = a.counters[i] ?? null;
    const bv = b.counters[i] ?? null;
    out.counters[i] = bIsLater ? (bv ?? av) : larger(av, bv);
  }
  for (const [k, v] of a.disks) out.disks.set(k, v);
  for (const [k, v] of b.disks) if (bIsLater || !out.disks.has(k)) out.disks.set(k, v);
  for (const [k, v] of a.nets) out.nets.set(k, { ...v });
  for (const [k, v] of b.nets) {
    const prev = out.nets.get(k);
    out.nets.set(
      k,
      prev
        ? {
            in: (prev.in * a.n + v.in * b.n) / (a.n + b.n),
            out: (prev.out * a.n + v.out * b.n) / (a.n + b.n),
          }
        : { ...v },
    );
  }
  return out;
}
