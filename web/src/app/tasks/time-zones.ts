/** Every IANA zone the browser knows (UTC first), for the time zone picker and its check. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')];
}

/**
 * Whether the browser knows a zone: one of the list, or another name Intl accepts (a link such as
 * US/Eastern that a task may already have). A half-typed name is not one.
 */
export function isTimeZone(zone: string, listed: ReadonlySet<string>): boolean {
  if (listed.has(zone)) return true;
  if (!/^[A-Za-z0-9_+\-/]+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An instant as it reads in `timeZone`, e.g. "Thu, 4 Dec 2026, 03:00 CET". */
export function inZone(iso: string, timeZone: string, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  try {
    return new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(d);
  } catch {
    return d.toISOString();
  }
}
