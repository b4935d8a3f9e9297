import { HttpParams } from '@angular/common/http';

/**
 * Query parameters from a filter object: empty values are left out, and `datetime-local` inputs
 * (local wall-clock time without a zone) become ISO-8601 instants, as the hub's time params expect.
 */
export function queryParams(
  filter: Readonly<Record<string, string | number | null | undefined>>,
  timeKeys: readonly string[] = ['from', 'to'],
): HttpParams {
  let params = new HttpParams();
  for (const [key, raw] of Object.entries(filter)) {
    if (raw === null || raw === undefined) continue;
    const value = typeof raw === 'string' ? raw.trim() : String(raw);
    if (!value) continue;
    params = params.set(key, timeKeys.includes(key) ? localToIso(value) : value);
  }
  return params;
}

function localToIso(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
