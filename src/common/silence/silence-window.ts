import type { SilenceWindow } from '@hivewatch/protocol';

/** A daily UTC window "HH:MM"–"HH:MM" during which notifications are held back (rules and notification groups). */
export type { SilenceWindow } from '@hivewatch/protocol';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` falls in the daily UTC window [start, end); a window may wrap midnight (22:00–06:00). */
export function inSilence(window: SilenceWindow | null, now: number): boolean {
  if (!window) return false;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return false;
  const d = new Date(now);
  const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}
