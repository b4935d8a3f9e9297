import type { SilenceWindow } from '../core/hub-types';

/** A daily UTC window during which notifications are held back, as a form edits it. */
export interface SilenceDraft {
  on: boolean;
  /** HH:MM (an `<input type="time">` value) */
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function silenceDraft(w: SilenceWindow | null): SilenceDraft {
  return w ? { on: true, start: w.start, end: w.end } : { on: false, start: '22:00', end: '06:00' };
}

/** What is wrong with the window, or null. A window may wrap midnight; it may not be empty. */
export function silenceError(d: SilenceDraft): string | null {
  if (!d.on) return null;
  if (!HHMM.test(d.start) || !HHMM.test(d.end)) return 'Give the start and end as HH:MM (24 h, UTC).';
  if (d.start === d.end) return 'The start and end must differ.';
  return null;
}

export function silenceBody(d: SilenceDraft): SilenceWindow | null {
  return d.on ? { start: d.start, end: d.end } : null;
}
