import type { MetricsPayload } from '../agent/metrics.js';
import type { MetricDef } from './metric-def.js';

/** Seed-002 payload fields that hold one number (a plain gauge is copied from one of them). */
export type NumericPayloadField = {
  [F in keyof MetricsPayload]-?: NonNullable<MetricsPayload[F]> extends number ? F : never;
}[keyof MetricsPayload];

/** A seed-002 value that is not one payload field: how the docs describe it, and how it is read. */
export interface Seed002Reading {
  readonly text: string;
  readonly read: NonNullable<MetricDef['fromSeed002']>;
}

/** Where a plain gauge sits on each wire. An omitted name is absent on that wire (null in the registry). */
export interface GaugeWire<S extends string> {
  /** The internal sample (`LiveSample`) field. */
  readonly sample: S;
  /** The seed-002 payload field the sample field is copied from, or a {@link Seed002Reading}. */
  readonly seed002: NumericPayloadField | Seed002Reading;
  readonly seed001?: string;
  readonly stream?: string;
  readonly browser?: string;
}

/** How a gauge is shown: its chart and whether alert rules may watch it. */
export type GaugeShown = Pick<MetricDef, 'chart' | 'alert'>;

/** The registry entry {@link gauge} builds; the key, sample field and shown parts keep their literal types. */
export type PlainGauge<K extends string, S extends string, O extends GaugeShown> = {
  readonly key: K;
  readonly label: string;
  readonly unit: string;
  readonly kind: 'gauge';
  readonly stored: true;
  readonly scale: number;
  readonly sample: S;
  readonly fromSeed002: NonNullable<MetricDef['fromSeed002']>;
  readonly seed002: string;
  readonly seed001: string | null;
  readonly stream: string | null;
  readonly browser: string | null;
} & O;

/**
 * A plain gauge: stored at `scale` (10 keeps 0.1), one internal sample field filled from the
 * seed-002 payload, and its names on the other wires.
 */
export function gauge<const K extends string, const S extends string, const O extends GaugeShown = object>(
  key: K,
  label: string,
  unit: string,
  scale: number,
  wire: GaugeWire<S>,
  shown?: O,
): PlainGauge<K, S, O> {
  const seed = wire.seed002;
  const reading: Seed002Reading =
    typeof seed === 'string' ? { text: seed, read: (p: MetricsPayload) => p[seed] } : seed;
  return {
    key,
    label,
    unit,
    kind: 'gauge',
    stored: true,
    scale,
    ...(shown as O),
    sample: wire.sample,
    fromSeed002: reading.read,
    seed002: reading.text,
    seed001: wire.seed001 ?? null,
    stream: wire.stream ?? null,
    browser: wire.browser ?? null,
  };
}
