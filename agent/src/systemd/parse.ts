import type { ServiceSummary, WatchedService } from '@hivewatch/protocol';

/**
 * Parsers for `systemctl` and `journalctl` output (systemd 252 as on Debian 12; formats have been
 * stable since 230). Recorded outputs are under agent/test-fixtures/systemd/.
 */

/** Drops the `.service` suffix, as the seed-002 agent reports names (`nginx`). */
export function shortServiceName(unit: string): string {
  return unit.endsWith('.service') ? unit.slice(0, -'.service'.length) : unit;
}

/**
 * `systemctl list-units --type=service --all --no-legend --no-pager --plain`:
 * `UNIT LOAD ACTIVE SUB DESCRIPTION…` per line. Units whose file is gone show `not-found`; they are kept
 * (a failed unit that was removed is still worth seeing).
 */
export function parseListUnits(stdout: string): ServiceSummary[] {
  const services: ServiceSummary[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/^[●*\s]+/, '').trim();
    if (line === '') continue;
    const [unit, , active, sub] = line.split(/\s+/);
    if (unit === undefined || active === undefined || sub === undefined || !unit.endsWith('.service'))
      continue;
    services.push({ name: shortServiceName(unit), activeState: active, subState: sub });
  }
  return services;
}

/** `systemctl show` output: `Key=Value` lines; several units are separated by an empty line. */
export function parseShow(stdout: string): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  let current: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') {
      if (Object.keys(current).length > 0) blocks.push(current);
      current = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) current[line.slice(0, eq)] = line.slice(eq + 1);
  }
  if (Object.keys(current).length > 0) blocks.push(current);
  return blocks;
}

/** systemd's "no value" markers for numeric properties. */
const UNSET = new Set(['', '[not set]', 'infinity', '18446744073709551615']);

export function showNumber(value: string | undefined): number | null {
  if (value === undefined || UNSET.has(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A `--timestamp=unix` value (`@1731834723`) or a UTC one (`Sun 2024-11-17 09:12:03 UTC`) as ISO-8601. */
export function showTimestamp(value: string | undefined): string | null {
  if (value === undefined || value === '' || value === 'n/a') return null;
  const unix = /^@(\d+)$/.exec(value);
  if (unix) {
    const seconds = Number(unix[1]);
    return seconds === 0 ? null : new Date(seconds * 1000).toISOString();
  }
  const utc = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(value);
  return utc ? new Date(`${utc[1]}T${utc[2]}Z`).toISOString() : null;
}

/** `systemctl show --property=Id,ActiveState,SubState a b …` → watchlist states, in the asked order. */
export function parseWatchedStates(names: readonly string[], stdout: string): WatchedService[] {
  const byUnit = new Map<string, Record<string, string>>();
  for (const block of parseShow(stdout)) if (block['Id']) byUnit.set(shortServiceName(block['Id']), block);
  return names.map((name) => {
    const block = byUnit.get(shortServiceName(name));
    return {
      name,
      activeState: block?.['ActiveState'] ?? 'unknown',
      subState: block?.['SubState'] ?? 'unknown',
    };
  });
}

/**
 * `journalctl -o json --output-fields=MESSAGE`: one object per line with `__REALTIME_TIMESTAMP`
 * (microseconds) and `MESSAGE` (a string, or an array of bytes for non-UTF-8 text) → `"<ISO time> <message>"`.
 */
export function parseJournalJson(stdout: string): { log: string }[] {
  const lines: { log: string }[] = [];
  for (const raw of stdout.split('\n')) {
    if (raw === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(raw);
    } catch {
      continue;
    }
    if (typeof entry !== 'object' || entry === null) continue;
    const { __REALTIME_TIMESTAMP: micros, MESSAGE: message } = entry as Record<string, unknown>;
    const text =
      typeof message === 'string'
        ? message
        : Array.isArray(message)
          ? Buffer.from(message.filter((b): b is number => typeof b === 'number')).toString('utf8')
          : '';
    const time = typeof micros === 'string' ? new Date(Number(micros) / 1000).toISOString() : '';
    lines.push({ log: `${time} ${text}`.trim() });
  }
  return lines;
}
