import {
  DISK_PREFIX,
  DISK_USAGE_SCALE,
  FINE_GAUGES,
  FINE_RATE_SCALE,
  GAUGES,
  NET_RATE_SCALE,
  RECORD_LAYOUT,
} from './metric-catalog.js';
import type { RecordSlot } from './metric-catalog.js';
import { emptyValues, type NetValues, type RecordValues } from './record-values.js';

/**
 * The packed form of a record: about 60–90 bytes where columns would cost 150+ (one header byte
 * per SQLite column, fixed widths on PostgreSQL). Layout, all LEB128 varints:
 *   presence mask (bit i: gauge i; then one bit per counter; then one bit for detail)
 *   per present gauge: zigzag(avg) and (max − avg), scaled integers — max − avg is small
 *   per present counter: the value
 *   detail: entry count, then per entry a label index (see RecordSeries.labels) and
 *     disk: usage; net: average in and out.
 *   fine (only when a network rate is finer than its 0.01 Mbit/s slot): zigzag(rate at 1 bit/s −
 *     slot value × 10,000) for the avg and max of each present total rate (netIn, netOut), then for
 *     in and out of each interface of the detail, in the detail's order.
 * Labels are the history API's metric names (`disk:/`, `net:eth0`), kept once per series.
 *
 * Every value written is a scaled integer within ±2^53; anything else (NaN, ±Infinity, 1e300) is a
 * RangeError, never a silent wrap or an endless loop. A varint is therefore at most 8 bytes.
 */
/** Largest magnitude the codec stores: an integer a double holds exactly. */
const MAX_STORED = Number.MAX_SAFE_INTEGER;
/** ceil(53 / 7): bytes of the longest varint {@link ByteWriter} writes. */
const MAX_VARINT_BYTES = 8;

/** Refuses what the varint coding cannot hold exactly (and what would never end: Infinity). */
function checkStorable(value: number, what: string): void {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_STORED)
    throw new RangeError(`${what} ${value} cannot be stored: not a finite number within ±2^53`);
}

class ByteWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  uint(value: number): void {
    checkStorable(value, 'value');
    let v = value > 0 ? Math.round(value) : 0;
    if (this.pos + MAX_VARINT_BYTES > this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
    // Arithmetic, not bit operators: byte counters exceed 32 bits.
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  int(value: number): void {
    // Zigzag doubles the magnitude: keep it within the range uint accepts.
    checkStorable(value * 2, 'value');
    const v = Math.round(value);
    this.uint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  bytes(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

class ByteReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let result = 0;
    let factor = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new Error('truncated record');
      result += (b & 0x7f) * factor;
      if (b < 0x80) return result;
      factor *= 0x80;
    }
    throw new Error('corrupt record: varint longer than 8 bytes');
  }

  int(): number {
    const v = this.uint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
}

const scaled = (v: number, scale: number) => Math.round(v * scale);

/**
 * Packs one record. `labelIndex` gives a label's index in the series dictionary, or undefined when
 * the series may not take another label: that filesystem or interface is left out of this record.
 * Throws a RangeError for a value the format cannot hold (see {@link checkStorable}).
 */
export function encodeRecord(
  values: RecordValues,
  labelIndex: (label: string) => number | undefined,
): Buffer {
  const w = new ByteWriter();
  const disks: [number, number][] = [];
  for (const [name, usage] of values.disks) {
    const index = labelIndex(name);
    if (index !== undefined) disks.push([index, usage]);
  }
  const nets: [number, NetValues][] = [];
  for (const [name, net] of values.nets) {
    const index = labelIndex(name);
    if (index !== undefined) nets.push([index, net]);
  }
  const detail = disks.length + nets.length;
  const fine = fineParts(values, nets);
  const hasFine = anyNonZero(fine);
  let mask = 0;
  for (let bit = 0; bit < RECORD_LAYOUT.length; bit++) {
    if (slotPresent(RECORD_LAYOUT[bit]!, values, detail, hasFine)) mask += 2 ** bit;
  }
  w.uint(mask);
  for (let bit = 0; bit < RECORD_LAYOUT.length; bit++) {
    const slot = RECORD_LAYOUT[bit]!;
    if (!slotPresent(slot, values, detail, hasFine)) continue;
    if (slot === 'detail') {
      w.uint(detail);
      for (const [index, usage] of disks) {
        w.uint(index);
        w.uint(scaled(usage, DISK_USAGE_SCALE));
      }
      for (const [index, net] of nets) {
        w.uint(index);
        w.uint(scaled(net.in, NET_RATE_SCALE));
        w.uint(scaled(net.out, NET_RATE_SCALE));
      }
    } else if (slot === 'fine') {
      for (const r of fine) w.int(r);
    } else if ('gauge' in slot) {
      const avg = values.avg[slot.gauge]!;
      const scale = GAUGES[slot.gauge]!.slotScale;
      const a = scaled(avg, scale);
      w.int(a);
      w.uint(scaled(values.max[slot.gauge] ?? avg, scale) - a);
    } else {
      w.uint(values.counters[slot.counter]!);
    }
  }
  return w.bytes();
}

function anyNonZero(list: readonly number[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] !== 0) return true;
  return false;
}

/** Whether a record writes this slot: the presence mask's bit. */
function slotPresent(slot: RecordSlot, values: RecordValues, detail: number, hasFine: boolean): boolean {
  if (slot === 'detail') return detail > 0;
  if (slot === 'fine') return hasFine;
  if ('gauge' in slot) return (values.avg[slot.gauge] ?? null) !== null;
  return (values.counters[slot.counter] ?? null) !== null;
}

export function decodeRecord(n: number, data: Uint8Array, labels: readonly string[]): RecordValues {
  const r = new ByteReader(data);
  const out = emptyValues();
  out.n = n;
  const mask = r.uint();
  const netOrder: string[] = [];
  for (let bit = 0; bit < RECORD_LAYOUT.length; bit++) {
    // Arithmetic, not bit operators: the mask may pass 32 bits.
    if (Math.floor(mask / 2 ** bit) % 2 === 0) continue;
    const slot = RECORD_LAYOUT[bit]!;
    if (slot === 'detail') readDetail(r, labels, out, netOrder);
    else if (slot === 'fine') readFine(r, out, netOrder);
    else if ('gauge' in slot) {
      const scale = GAUGES[slot.gauge]!.slotScale;
      const a = r.int();
      out.avg[slot.gauge] = a / scale;
      out.max[slot.gauge] = (a + r.uint()) / scale;
    } else out.counters[slot.counter] = r.uint();
  }
  return out;
}

function readDetail(r: ByteReader, labels: readonly string[], out: RecordValues, netOrder: string[]): void {
  const count = r.uint();
  for (let e = 0; e < count; e++) {
    const index = r.uint();
    const label = labels[index];
    // Labels are only ever appended, in the same transaction as the row that uses them.
    if (label === undefined) throw new Error(`record refers to unknown label #${index}`);
    if (label.startsWith(DISK_PREFIX)) {
      out.disks.set(label, r.uint() / DISK_USAGE_SCALE);
    } else {
      const rx = r.uint() / NET_RATE_SCALE;
      out.nets.set(label, { in: rx, out: r.uint() / NET_RATE_SCALE });
      netOrder.push(label);
    }
  }
}

/** Slot units per fine unit: 0.01 Mbit/s is 10,000 bit/s. */
const FINE_PER_SLOT = FINE_RATE_SCALE / NET_RATE_SCALE;
/** A rate's part below its slot's 0.01 Mbit/s, in bit/s (−5,000…5,000). */
const finePart = (v: number) => scaled(v, FINE_RATE_SCALE) - scaled(v, NET_RATE_SCALE) * FINE_PER_SLOT;
/** Adds a fine part back to a rate read at 0.01 Mbit/s. */
const withFine = (coarse: number, part: number) =>
  (Math.round(coarse * NET_RATE_SCALE) * FINE_PER_SLOT + part) / FINE_RATE_SCALE;

/** The `fine` slot's values, in slot order (all zero when every rate is a multiple of 0.01 Mbit/s). */
function fineParts(values: RecordValues, nets: readonly [number, { in: number; out: number }][]): number[] {
  const parts: number[] = [];
  for (const g of FINE_GAUGES) {
    const avg = values.avg[g] ?? null;
    if (avg === null) continue;
    checkStorable(avg * FINE_RATE_SCALE, 'rate');
    const max = values.max[g] ?? avg;
    checkStorable(max * FINE_RATE_SCALE, 'rate');
    parts.push(finePart(avg), finePart(max));
  }
  for (const [, net] of nets) {
    checkStorable(net.in * FINE_RATE_SCALE, 'rate');
    checkStorable(net.out * FINE_RATE_SCALE, 'rate');
    parts.push(finePart(net.in), finePart(net.out));
  }
  return parts;
}

function readFine(r: ByteReader, out: RecordValues, netOrder: readonly string[]): void {
  for (const g of FINE_GAUGES) {
    const avg = out.avg[g] ?? null;
    const max = out.max[g] ?? null;
    if (avg === null || max === null) continue;
    out.avg[g] = withFine(avg, r.int());
    out.max[g] = withFine(max, r.int());
  }
  for (const label of netOrder) {
    const net = out.nets.get(label)!;
    net.in = withFine(net.in, r.int());
    net.out = withFine(net.out, r.int());
  }
}
