import { DISK_PREFIX, NET_PREFIX, recordReader, STORED_METRICS, type MetricDef } from '@hivewatch/protocol';
import type { Sample } from './sample.js';

/**
 * What a minute or hourly record holds: the stored metrics of the registry
 * (libs/protocol/src/metrics/registry.ts), gauges and counters each in registry order. The order is
 * part of the stored format (record-codec.ts): new metrics are appended there, never reordered.
 * `scale` turns the reported unit into the stored integer; it is the resolution the history keeps
 * (e.g. 0.1 % for percentages).
 */
export interface GaugeDef {
  key: string;
  unit: string;
  /** The resolution the history keeps. */
  scale: number;
  /**
   * The scale of the gauge's own slot in the record. It equals `scale` except for the network
   * rates, whose slot keeps the first format's 0.01 Mbit/s and whose finer part is kept in the
   * `fine` slot (see RECORD_LAYOUT).
   */
  slotScale: number;
  read: (s: Sample) => number | undefined;
}

export interface CounterDef {
  key: string;
  unit: string;
  read: (s: Sample) => number | undefined;
}

/**
 * Per-interface and total network rates (Mbit/s): the first format kept them at 0.01 Mbit/s
 * (NET_RATE_SCALE); they are kept to the bit per second (FINE_RATE_SCALE) since the `fine` slot.
 */
export const NET_RATE_SCALE = 100;
export const FINE_RATE_SCALE = 1_000_000;
/** Gauges whose slot keeps NET_RATE_SCALE while the history keeps FINE_RATE_SCALE. */
const FINE_RATE_METRICS: readonly string[] = ['netIn', 'netOut'];

function gauge(m: MetricDef): GaugeDef {
  if (m.scale === undefined) throw new Error(`stored gauge ${m.key} has no scale`);
  const fine = FINE_RATE_METRICS.includes(m.key);
  if (fine && m.scale !== FINE_RATE_SCALE) throw new Error(`${m.key} must be kept at 1/${FINE_RATE_SCALE}`);
  return {
    key: m.key,
    unit: m.unit,
    scale: m.scale,
    slotScale: fine ? NET_RATE_SCALE : m.scale,
    read: recordReader(m),
  };
}

export const GAUGES: readonly GaugeDef[] = STORED_METRICS.filter((m) => m.kind === 'gauge').map(gauge);

/** Monotonic counters: the record keeps the last value of its period. */
export const COUNTERS: readonly CounterDef[] = STORED_METRICS.filter((m) => m.kind === 'counter').map(
  (m) => ({
    key: m.key,
    unit: m.unit,
    read: recordReader(m),
  }),
);

/**
 * The record format's slots in bit and byte order: each stored metric in registry order, with the
 * per-filesystem / per-interface detail after the 18 metrics the format started with (15 gauges,
 * 3 counters). Metrics appended later take the slots after the detail, so rows written before they
 * existed decode unchanged. `fine` follows the 19 metrics stored when it was added (the 18 and
 * cpuCoreMax): the network rates' part below 0.01 Mbit/s, present only when a rate has one.
 */
export type RecordSlot = { gauge: number } | { counter: number } | 'detail' | 'fine';
const FIRST_FORMAT_METRICS = 18;
const METRICS_BEFORE_FINE = 19;

/** Gauge indexes whose finer part the `fine` slot holds, in slot order. */
export const FINE_GAUGES: readonly number[] = GAUGES.flatMap((g, i) => (g.slotScale !== g.scale ? [i] : []));

export const RECORD_LAYOUT: readonly RecordSlot[] = (() => {
  let g = 0;
  let c = 0;
  const slots: RecordSlot[] = STORED_METRICS.map((m) =>
    m.kind === 'gauge' ? { gauge: g++ } : { counter: c++ },
  );
  slots.splice(FIRST_FORMAT_METRICS, 0, 'detail');
  slots.splice(METRICS_BEFORE_FINE + 1, 0, 'fine');
  // The presence mask is one varint the codec keeps exact as a double: at most 53 bits.
  if (slots.length > 53)
    throw new Error(`the record format holds 51 metrics, the registry stores ${slots.length - 2}`);
  return slots;
})();

/**
 * Per-filesystem usage (%), stored at this resolution; per-interface average rates (Mbit/s; the
 * maximum is kept for the total) are kept like the total (NET_RATE_SCALE, FINE_RATE_SCALE).
 */
export const DISK_USAGE_SCALE = 10;

/**
 * Distinct per-filesystem / per-interface labels a server's series may hold. Beyond it, new names
 * are left out of the records (the rest of the sample is stored) and counted; the protocol already
 * caps one sample at 256 filesystems and 512 interfaces, this caps what many samples add up to.
 */
export const MAX_LABELS_PER_SERVER = 1024;

export { DISK_PREFIX, NET_PREFIX };

/**
 * Counters and filesystem usage move slowly or only upwards: minute rows keep them every
 * SLOW_EVERY_MINUTES minutes (the last minute of each block), which saves a fifth of a minute row.
 * Hourly rows take the latest kept value.
 */
export const SLOW_EVERY_MINUTES = 5;
export const keepsSlowValues = (minute: number) => minute % SLOW_EVERY_MINUTES === SLOW_EVERY_MINUTES - 1;

export const GAUGE_COUNT = GAUGES.length;
export const COUNTER_COUNT = COUNTERS.length;
export const BASE_METRICS: readonly string[] = [...GAUGES.map((g) => g.key), ...COUNTERS.map((c) => c.key)];
