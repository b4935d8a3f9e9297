/** Number and unit formatting shared by every screen. Units follow what the agent reports. */
import { bitRate } from './units';

const dash = '—';

export function percent(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? dash : `${v.toFixed(digits)} %`;
}

/** Gigabytes as reported (memory, disk) → a readable size. */
export function gigabytes(v: number | null | undefined): string {
  if (v === null || v === undefined) return dash;
  if (v >= 1024) return `${(v / 1024).toFixed(1)} TB`;
  if (v >= 1) return `${v.toFixed(1)} GB`;
  return `${Math.round(v * 1024)} MB`;
}

export function megabytes(v: number | null | undefined): string {
  if (v === null || v === undefined) return dash;
  return v >= 1024 ? `${(v / 1024).toFixed(1)} GB` : `${v.toFixed(v < 10 ? 1 : 0)} MB`;
}

/** Disk throughput: the agent reports megabytes per second. */
export function mbPerSecond(v: number | null | undefined): string {
  if (v === null || v === undefined) return dash;
  return v >= 1000 ? `${(v / 1000).toFixed(1)} GB/s` : `${v.toFixed(v < 10 ? 2 : 1)} MB/s`;
}

/** Network throughput: the agent reports megabits per second; shown in the unit that fits. */
export function mbitPerSecond(v: number | null | undefined): string {
  return bitRate(v);
}

export function load(v: number | null | undefined): string {
  return v === null || v === undefined ? dash : v.toFixed(2);
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return dash;
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m ${Math.floor(seconds % 60)}s`;
}

export function dateTime(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined) return dash;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? dash : d.toLocaleString();
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** Byte counts in decimal units (1 GB = 10^9 bytes), as traffic quotas are written. */
export function bytes(v: number | null | undefined): string {
  if (v === null || v === undefined) return dash;
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = v;
  let i = 0;
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return i === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[i]}`;
}
