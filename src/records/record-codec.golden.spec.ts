import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { COUNTER_COUNT, GAUGE_COUNT, GAUGES } from './metric-catalog.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import type { RecordValues } from './record-values.js';

/**
 * Golden bytes: random records (a fixed fast-check seed) must encode, and decode, exactly as the
 * codec did when these digests were taken. A change of the stored format, or an optimisation that
 * alters one byte, fails here; record-codec.spec.ts pins single rows readably.
 */
const SEED = 20_261_203;
const RECORDS = 400;
const ENCODED_SHA256 = 'f6f65567dd58dc661541741a618b8001f3679931626a2c2f10c29b56d4800150';
const DECODED_SHA256 = 'aacf21c28b0276d4a7f88f5842c1ceb1b60c201803e179ba7dda602a88bcec44';

/** The series' label dictionary; `disk:/gone` and `net:gone` are labels the series cannot take. */
const LABELS = ['disk:/', 'net:eth0', 'disk:/data', 'net:eth1', 'net:bond0', 'disk:/boot'];
const labelIndex = (label: string): number | undefined => {
  const i = LABELS.indexOf(label);
  return i < 0 ? undefined : i;
};

/** Values on the first format's 0.01 grid (no fine slot) as well as arbitrary doubles. */
const value = (min: number, max: number) =>
  fc.oneof(
    fc.double({ min, max, noNaN: true }),
    fc.integer({ min: min * 100, max: max * 100 }).map((v) => v / 100),
  );
const gaugeSlot = fc.option(fc.tuple(value(-50, 100_000), fc.option(value(0, 20_000), { nil: null })), {
  nil: null,
  freq: 3,
});
const counterSlot = fc.option(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { nil: null });
const diskEntry = fc.tuple(
  fc.constantFrom('disk:/', 'disk:/data', 'disk:/boot', 'disk:/gone'),
  value(0, 100),
);
const netEntry = fc.tuple(
  fc.constantFrom('net:eth0', 'net:eth1', 'net:bond0', 'net:gone'),
  value(0, 10_000),
  value(0, 10_000),
);

const recordArb: fc.Arbitrary<RecordValues> = fc
  .record({
    n: fc.integer({ min: 1, max: 720 }),
    gauges: fc.array(gaugeSlot, { minLength: GAUGE_COUNT, maxLength: GAUGE_COUNT }),
    counters: fc.array(counterSlot, { minLength: COUNTER_COUNT, maxLength: COUNTER_COUNT }),
    disks: fc.uniqueArray(diskEntry, { maxLength: 4, selector: (d) => d[0] }),
    nets: fc.uniqueArray(netEntry, { maxLength: 4, selector: (n) => n[0] }),
  })
  .map((r) => ({
    n: r.n,
    avg: r.gauges.map((g) => (g === null ? null : g[0])),
    // max: above the average, or absent (the encoder then stores the average)
    max: r.gauges.map((g) => (g === null || g[1] === null ? null : g[0] + g[1])),
    counters: r.counters,
    disks: new Map(r.disks),
    nets: new Map(r.nets.map(([label, rx, tx]) => [label, { in: rx, out: tx }])),
  }));

const sha256 = (parts: readonly string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');
const canonical = (v: RecordValues) =>
  JSON.stringify([v.n, v.avg, v.max, v.counters, [...v.disks], [...v.nets]]);

describe('record codec golden bytes', () => {
  const records = fc.sample(recordArb, { seed: SEED, numRuns: RECORDS });
  const encoded = records.map((r) => encodeRecord(r, labelIndex).toString('hex'));

  it('covers absent and present slots, omitted labels and the fine slot', () => {
    const decoded = encoded.map((hex) => decodeRecord(1, Buffer.from(hex, 'hex'), LABELS));
    const netIn = GAUGES.findIndex((g) => g.key === 'netIn');
    const finer = (v: number | null) => v !== null && Math.round(v * 100) !== v * 100;
    expect(decoded.some((v) => finer(v.avg[netIn]!))).toBe(true);
    expect(decoded.some((v) => v.avg[netIn] !== null && !finer(v.avg[netIn]!))).toBe(true);
    expect(decoded.some((v) => v.avg[netIn] === null)).toBe(true);
    expect(records.some((r) => r.nets.has('net:gone') || r.disks.has('disk:/gone'))).toBe(true);
    expect(decoded.some((v) => v.nets.has('net:gone') || v.disks.has('disk:/gone'))).toBe(false);
    expect(new Set(encoded.map((hex) => hex.length)).size).toBeGreaterThan(20);
  });

  it('encodes random records to the pinned bytes', () => {
    expect(sha256(encoded)).toBe(ENCODED_SHA256);
  });

  it('decodes the pinned bytes to the pinned values and re-encodes them byte for byte', () => {
    const decoded = encoded.map((hex, i) => decodeRecord(records[i]!.n, Buffer.from(hex, 'hex'), LABELS));
    expect(sha256(decoded.map(canonical))).toBe(DECODED_SHA256);
    expect(decoded.map((v) => encodeRecord(v, labelIndex).toString('hex'))).toEqual(encoded);
  });
});
