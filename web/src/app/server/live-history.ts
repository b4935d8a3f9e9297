import {
  CHARTS_OF_METRICS,
  type History,
  type HistoryPoint,
  type ServerMetricsSummary,
} from '@hivewatch/protocol';

/**
 * Live samples drawn after the stored history: the server page's live stream (browser frames)
 * carries the latest sample of each server, so the charts move without asking the hub for history
 * again. A new server's charts fill before the first minute is written.
 */

/** Charted metric key → its field in the browser frame's metrics (registry `browser` name). */
const LIVE_FIELDS: readonly (readonly [string, keyof ServerMetricsSummary])[] = CHARTS_OF_METRICS.flatMap(
  (c) =>
    c.metrics.flatMap((m) => (m.browser ? [[m.key, m.browser as keyof ServerMetricsSummary] as const] : [])),
);

/** The chart updates at most this often, however often samples arrive. */
export const LIVE_MIN_GAP_MS = 1000;
/** Live points kept: an hour of one-second samples. */
export const MAX_LIVE_POINTS = 3600;

/** One live sample as a history point: each charted gauge's value as both average and maximum. */
export function livePoint(m: ServerMetricsSummary): HistoryPoint | null {
  const t = Date.parse(m.at);
  if (!Number.isFinite(t)) return null;
  const point: HistoryPoint = { t };
  for (const [key, field] of LIVE_FIELDS) {
    const v = m[field];
    point[key] = typeof v === 'number' && Number.isFinite(v) ? { avg: v, max: v } : null;
  }
  return point;
}

/**
 * The live tail with `sample` added: only when it is at least LIVE_MIN_GAP_MS newer than the last
 * point (the same tail is returned otherwise, so nothing redraws), capped at MAX_LIVE_POINTS.
 */
export function appendLive(
  tail: readonly HistoryPoint[],
  sample: ServerMetricsSummary,
): readonly HistoryPoint[] {
  const point = livePoint(sample);
  if (!point) return tail;
  const last = tail[tail.length - 1];
  if (last && point.t - last.t < LIVE_MIN_GAP_MS) return tail;
  const next = [...tail, point];
  return next.length > MAX_LIVE_POINTS ? next.slice(next.length - MAX_LIVE_POINTS) : next;
}

/**
 * The history with the live tail after it: live points newer than the last stored or collected
 * minute (the hub's history ends with the minute still being collected, at its start), and the
 * window moved to end at the newest point, keeping its length.
 */
export function withLive(history: History, tail: readonly HistoryPoint[]): History {
  const lastStored = history.points[history.points.length - 1]?.t ?? -Infinity;
  const newest = tail[tail.length - 1]?.t ?? history.to;
  const to = Math.max(history.to, newest);
  const from = to - (history.to - history.from);
  const fresh = tail.filter((p) => p.t > lastStored && p.t >= from);
  if (fresh.length === 0 && to === history.to) return history;
  return { ...history, from, to, points: [...history.points, ...fresh] };
}
