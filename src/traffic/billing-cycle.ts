export type CycleKind = 'monthly' | 'quarterly' | 'yearly';

export interface CycleSettings {
  cycle: CycleKind;
  /** 1–28 */
  startDay: number;
}

export const DEFAULT_CYCLE: CycleSettings = { cycle: 'monthly', startDay: 1 };

const MONTHS: Record<CycleKind, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/**
 * The billing cycle containing `now` (UTC): it starts on `startDay` of a month, and quarterly and
 * yearly cycles are counted from January (Jan/Apr/Jul/Oct; January).
 */
export function cycleBounds(settings: CycleSettings, now: number): { start: number; end: number } {
  const months = MONTHS[settings.cycle];
  const d = new Date(now);
  let month = d.getUTCMonth();
  if (d.getUTCDate() < settings.startDay) month -= 1;
  // a negative month is a month of the previous year: Date.UTC normalises it
  month = Math.floor(month / months) * months;
  return {
    start: Date.UTC(d.getUTCFullYear(), month, settings.startDay),
    end: Date.UTC(d.getUTCFullYear(), month + months, settings.startDay),
  };
}

/** Linear projection of the cycle total from the usage so far. */
export function project(usedBytes: number, bounds: { start: number; end: number }, now: number): number {
  const elapsed = Math.max(1, now - bounds.start);
  const length = bounds.end - bounds.start;
  return Math.round((usedBytes / elapsed) * length);
}
