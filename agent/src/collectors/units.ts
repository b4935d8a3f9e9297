/** 1 GB in this payload = 1024^3 bytes (see types.ts). */
export const BYTES_PER_GB = 1024 ** 3;
export const BYTES_PER_KB = 1024;
/** Disk throughput unit: 10^6 bytes per second. */
export const BYTES_PER_MB_DECIMAL = 1e6;
/** Network throughput unit: 10^6 bits per second. */
export const BITS_PER_MBIT = 1e6;

/** Rounds to `decimals` places; keeps the JSON payload short without losing meaningful precision. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Percentage of part in whole, rounded to 2 places; 0 when whole is 0 (never NaN). */
export function percent(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return round(Math.min(100, Math.max(0, (part / whole) * 100)), 2);
}
