import type { UptimeDay } from '@hivewatch/protocol';
import { clip, intersect, mergeIntervals, total, type Interval } from './intervals.js';

export const DAY_MS = 86_400_000;

/** What the bars of one component are made of (all times epoch ms). */
export interface UptimeInput {
  now: number;
  days: number;
  /** Since when the component is observed (the server's creation); null = never observed. */
  observedFrom: number | null;
  /** Offline periods; an open one ends `now`. */
  outages: readonly Interval[];
  /** Maintenance windows covering the component: downtime inside them does not count. */
  maintenance: readonly Interval[];
}

/** `YYYY-MM-DD` of a UTC day start. */
export function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** UTC midnight of the day holding `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * One bar per UTC day, oldest first, the last being today (so far). A day's uptime is the share of
 * its observed part (after `observedFrom`, before `now`) the server was not in an outage, outages
 * inside maintenance windows excepted; a day with no observed part has no figure (null).
 */
export function uptimeDays(input: UptimeInput): UptimeDay[] {
  const outages = mergeIntervals(input.outages);
  const maintenance = mergeIntervals(input.maintenance);
  const excused = intersect(outages, maintenance);
  const today = dayStart(input.now);
  const out: UptimeDay[] = [];
  for (let d = input.days - 1; d >= 0; d--) {
    const start = today - d * DAY_MS;
    const end = Math.min(start + DAY_MS, input.now);
    const from = input.observedFrom === null ? end : Math.max(start, input.observedFrom);
    const maintenanceMs = total(clip(maintenance, start, end));
    if (from >= end) {
      out.push({
        date: dayKey(start),
        uptimePercent: null,
        downSeconds: 0,
        maintenanceSeconds: sec(maintenanceMs),
      });
      continue;
    }
    const downMs = total(clip(outages, from, end)) - total(clip(excused, from, end));
    out.push({
      date: dayKey(start),
      uptimePercent: percent(end - from - downMs, end - from),
      downSeconds: sec(downMs),
      maintenanceSeconds: sec(maintenanceMs),
    });
  }
  return out;
}

/** Mean uptime of the days that have a figure (each day alike); null without any. */
export function overallUptime(days: readonly UptimeDay[]): number | null {
  const known = days.filter((d) => d.uptimePercent !== null);
  if (known.length === 0) return null;
  return round(known.reduce((n, d) => n + d.uptimePercent!, 0) / known.length);
}

function percent(up: number, of: number): number {
  return round(Math.max(0, Math.min(100, (up / of) * 100)));
}

/** Three decimals: 99.999 % stays visible, 100 is exact. */
function round(v: number): number {
  return Math.floor(v * 1000) / 1000;
}

function sec(ms: number): number {
  return Math.round(ms / 1000);
}
