import {
  BYTE_COUNTER_MAX,
  COUNT_MAX,
  PERCENT_MAX,
  TEMPERATURE_C_MAX,
  TEMPERATURE_C_MIN,
  UPTIME_SECONDS_MAX,
} from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';

/**
 * Fitting a sample into the protocol's ranges and sizes (libs/protocol/src/limits.ts,
 * docs/protocol-limits.md): the hub refuses a whole frame when one field is out of range, and our
 * agent re-sends unacknowledged samples, so one odd reading must never make a sample unsendable.
 * Measurements that cannot be true (a 300 °C sensor, an address longer than any address) are left
 * out; values that are merely past a bound (a percentage of 100.7 from rounding) are clamped.
 */

/** A value clamped into [min, max] (±Infinity to the nearer end); NaN, from a failed read, becomes `min`. */
export function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, value));
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Whole-host percentage clamped to 0..100, rounded to 2 decimals. */
export function fitPercent(value: number): number {
  return round2(clamp(value, 0, PERCENT_MAX));
}

/** A non-negative quantity (size, rate, load) clamped to `max`, rounded to 2 decimals. */
export function fitAmount(value: number, max: number): number {
  return round2(clamp(value, 0, max));
}

/**
 * A network rate in Mbit/s clamped to `max`, rounded to 1 bit/s (6 decimals): two decimals would be
 * 10 kbit/s steps, and a quiet host would report 0 / 0.01 in turns (the hub stores rates to 1 bit/s).
 */
export function fitRateMbps(value: number, max: number): number {
  return Math.round(clamp(value, 0, max) * 1e6) / 1e6;
}

/** Whole seconds since boot, at most 100 years. */
export function fitUptime(value: number): number {
  return clamp(Math.floor(value), 0, UPTIME_SECONDS_MAX);
}

/** A count (processes, sockets, GPU index): an integer in 0..COUNT_MAX. */
export function fitCount(value: number): number {
  return clamp(Math.round(value), 0, COUNT_MAX);
}

/** A cumulative byte counter; left out when it cannot be read (NaN). */
export function fitByteCounter(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return clamp(Math.floor(value), 0, BYTE_COUNTER_MAX);
}

/** A temperature outside what any sensor can read is a broken sensor: left out, not clamped. */
export function fitTemperature(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
  return value >= TEMPERATURE_C_MIN && value <= TEMPERATURE_C_MAX ? value : undefined;
}

/**
 * `text` cut to at most `max` UTF-16 code units (what the protocol's `.max()` counts), never in the
 * middle of a surrogate pair.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** An address longer than `max` is not an address (a truncated one would be wrong): null. */
export function fitAddress(address: string | null | undefined, max: number): string | null {
  if (address === null || address === undefined) return null;
  return address.length <= max ? address : null;
}

/**
 * At most `max` items: the first `max` by `rank` (a comparator, best first; ties keep the input
 * order), returned in their input order so the sample reads as the collector produced it.
 */
export function keepBest<T>(items: readonly T[], max: number, rank?: (a: T, b: T) => number): T[] {
  if (items.length <= max) return [...items];
  if (rank === undefined) return items.slice(0, max);
  const chosen = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item, b.item) || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index);
  return chosen.map((entry) => entry.item);
}

/** A list of the payload cut to its protocol limit. */
export type TrimmedList = 'diskUsage' | 'networkInterfaces' | 'gpus' | 'watchedServices';

export interface ListTrimmed {
  list: TrimmedList;
  reported: number;
  kept: number;
}

const WHICH_KEPT: Record<TrimmedList, string> = {
  diskUsage: 'the largest filesystems',
  networkInterfaces: 'the interfaces with the most traffic since boot',
  gpus: 'the first GPUs',
  watchedServices: 'the first services of the watchlist',
};

/**
 * Warns once per list (not at every sample) that the host has more entries than the protocol
 * allows, and which ones are sent.
 */
export function warnOncePerList(logger: Logger): (trimmed: ListTrimmed) => void {
  const warned = new Set<TrimmedList>();
  return ({ list, reported, kept }) => {
    if (warned.has(list)) return;
    warned.add(list);
    logger.warn(`more ${list} entries than a sample may carry: sending ${WHICH_KEPT[list]}`, {
      list,
      reported,
      kept,
    });
  };
}
