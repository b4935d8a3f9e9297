/**
 * The cron helper's pure part: presets that write a five-field expression, a plain-words hint for
 * the common shapes, and the field layout. The hub's parser (croner, `POST /api/v1/tasks/preview`)
 * stays the judge of what is valid; nothing here decides that.
 */

export type CronPresetKind = 'every-5-minutes' | 'hourly' | 'daily' | 'weekly';

export const CRON_PRESETS: readonly { kind: CronPresetKind; label: string }[] = [
  { kind: 'every-5-minutes', label: 'Every 5 minutes' },
  { kind: 'hourly', label: 'Hourly' },
  { kind: 'daily', label: 'Daily at…' },
  { kind: 'weekly', label: 'Weekly on…' },
];

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The five fields, in order, as the helper explains them. */
export const CRON_FIELDS: readonly { name: string; range: string }[] = [
  { name: 'minute', range: '0–59' },
  { name: 'hour', range: '0–23' },
  { name: 'day of month', range: '1–31' },
  { name: 'month', range: '1–12 or JAN–DEC' },
  { name: 'day of week', range: '0–7 or SUN–SAT (0 and 7: Sunday)' },
];

/** "HH:MM" → [hour, minute], or null when it is not a time of day. */
export function parseTimeOfDay(time: string): [number, number] | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? [h, min] : null;
}

/** The expression of a preset; daily and weekly use `time` ("HH:MM"), weekly `weekday` (0 = Sunday). */
export function cronPreset(kind: CronPresetKind, time = '03:00', weekday = 1): string {
  const [h, m] = parseTimeOfDay(time) ?? [3, 0];
  switch (kind) {
    case 'every-5-minutes':
      return '*/5 * * * *';
    case 'hourly':
      return '0 * * * *';
    case 'daily':
      return `${m} ${h} * * *`;
    case 'weekly':
      return `${m} ${h} * * ${Math.min(6, Math.max(0, Math.trunc(weekday)))}`;
  }
}

/** The fields of an expression split on white space. */
export function cronFields(expr: string): string[] {
  return expr.trim().split(/\s+/).filter(Boolean);
}

/** The fields the helper explains: a sixth field in front is seconds (the hub takes that form too). */
export function fieldLayout(expr: string): { name: string; range: string; value: string }[] {
  const values = cronFields(expr);
  const layout = values.length === 6 ? [{ name: 'second', range: '0–59' }, ...CRON_FIELDS] : CRON_FIELDS;
  return layout.map((f, i) => ({ ...f, value: values[i] ?? '' }));
}

const NUMBER = /^\d{1,2}$/;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A day-of-week field as words ("Monday", "weekdays", "Monday, Friday"), or null. */
function weekdays(field: string): string | null {
  const day = (t: string): number | null => {
    const named = DAY_NAMES.indexOf(t.toUpperCase());
    if (named >= 0) return named;
    return NUMBER.test(t) && Number(t) <= 7 ? Number(t) % 7 : null;
  };
  if (/^(1-5|MON-FRI)$/i.test(field)) return 'weekday (Monday to Friday)';
  if (/^(0,6|6,0|SAT,SUN|SUN,SAT)$/i.test(field)) return 'Saturday and Sunday';
  const days = field.split(',').map(day);
  if (days.some((d) => d === null)) return null;
  return days.map((d) => WEEKDAYS[d!]).join(', ');
}

/**
 * Plain words for the usual shapes ("every day at 03:00"); null for anything else (the next run
 * times then say what the expression does).
 */
export function describeCron(expr: string): string | null {
  let f = cronFields(expr);
  if (f.length === 6 && f[0] === '0') f = f.slice(1); // seconds 0: the five-field meaning
  if (f.length !== 5) return null;
  const [min, hour, dom, month, dow] = f as [string, string, string, string, string];
  if (month !== '*') return null;
  const everyMin = /^\*\/(\d{1,2})$/.exec(min);
  if (hour === '*' && dom === '*' && dow === '*') {
    if (min === '*') return 'every minute';
    if (everyMin) return Number(everyMin[1]) === 1 ? 'every minute' : `every ${Number(everyMin[1])} minutes`;
    if (NUMBER.test(min) && Number(min) < 60)
      return Number(min) === 0 ? 'every hour, on the hour' : `every hour at ${pad(Number(min))} past`;
    return null;
  }
  if (!NUMBER.test(min) || Number(min) > 59) return null;
  const everyHour = /^\*\/(\d{1,2})$/.exec(hour);
  if (everyHour && dom === '*' && dow === '*')
    return `every ${Number(everyHour[1])} hours at ${pad(Number(min))} past`;
  if (!NUMBER.test(hour) || Number(hour) > 23) return null;
  const at = `at ${pad(Number(hour))}:${pad(Number(min))}`;
  if (dom === '*' && dow === '*') return `every day ${at}`;
  if (dom === '*') {
    const days = weekdays(dow);
    return days ? `every ${days} ${at}` : null;
  }
  if (dow === '*' && NUMBER.test(dom) && Number(dom) >= 1 && Number(dom) <= 31)
    return `every month on day ${Number(dom)} ${at}`;
  return null;
}
