/**
 * Adaptive units for rates and sizes: charts, tooltips and cards pick the unit that keeps the
 * figure between 1 and 1000 (bit/s → kbit/s → Mbit/s → Gbit/s; B → KB → MB → GB, decimal).
 */

const dash = '—';
const BIT_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'] as const;
const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** The power of 1000 that brings `magnitude` below 1000 (0 for anything below 1000). */
function step(magnitude: number, units: number): number {
  let i = 0;
  let v = Math.abs(magnitude);
  while (v >= 1000 && i < units - 1) {
    v /= 1000;
    i++;
  }
  return i;
}

/** Up to three significant digits, no trailing zeros ("1.5", "12.3", "420"). */
function figure(v: number): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return String(Number(v.toFixed(digits)));
}

/** A rate given in Mbit/s (as the agent reports it), in the unit that fits it. */
export function bitRate(mbit: number | null | undefined): string {
  if (mbit === null || mbit === undefined || !Number.isFinite(mbit)) return dash;
  const bits = mbit * 1e6;
  const i = step(bits, BIT_UNITS.length);
  return `${figure(bits / 1000 ** i)} ${BIT_UNITS[i]}`;
}

/** A byte count, in decimal units (1 GB = 10^9 bytes). */
export function byteSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return dash;
  const i = step(bytes, BYTE_UNITS.length);
  return `${figure(bytes / 1000 ** i)} ${BYTE_UNITS[i]}`;
}

/** Axis labels of one chart share the unit of its largest value, so ticks read alike. */
export function bitRateAxis(maxMbit: number): { unit: string; divisor: number } {
  const i = step(maxMbit * 1e6, BIT_UNITS.length);
  return { unit: BIT_UNITS[i], divisor: 1000 ** i / 1e6 };
}

export function byteAxis(maxBytes: number): { unit: string; divisor: number } {
  const i = step(maxBytes, BYTE_UNITS.length);
  return { unit: BYTE_UNITS[i], divisor: 1000 ** i };
}
