import type { ServerState } from '@hivewatch/protocol';
import { duration } from '../shared/format';

/** A time on a card: the clock time today, else the date and time. */
export function shortTime(iso: string, now: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date(now).toDateString()
    ? time
    : `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

/**
 * "Offline since 14:02 (for 8m 12s)" from the hub's persisted presence (so a hub restart does not
 * restart the count); null for a server that is online or never connected.
 */
export function offlineText(s: ServerState, now: number): string | null {
  if (s.online) return null;
  const since = s.offlineSince ?? s.lastSeenAt;
  if (!since) return null;
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  return `Offline since ${shortTime(since, now)} (for ${duration(seconds)})`;
}

/** Figures that are not current: the agent is gone, or its metrics are paused. */
export function figuresAreStale(s: ServerState): boolean {
  return !s.online || s.metricsPaused === true;
}
