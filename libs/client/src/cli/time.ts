import { parseTimeInput } from '@hivewatch/protocol';
import { UsageError } from './usage-error.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};
/** `90s`, `5m`, `1h30m`, `2d`: one or more number+unit parts, largest first or not. */
const DURATION = /^(?:\d{1,6}[smhdw])+$/;
const PART = /(\d{1,6})([smhdw])/g;

/** Longest duration or relative offset accepted: ten years. */
export const MAX_DURATION_MS = 3650 * 86_400_000;

/** `5m` → 300000. Throws a UsageError naming `flag` on anything else. */
export function parseDuration(value: string, flag: string): number {
  const v = value.trim().toLowerCase();
  if (!DURATION.test(v)) {
    throw new UsageError(
      `${flag} must be a duration such as 30s, 5m, 1h or 1h30m (got ${JSON.stringify(value)})`,
    );
  }
  let ms = 0;
  for (const [, n, unit] of v.matchAll(PART)) ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
  if (ms <= 0) throw new UsageError(`${flag} must be longer than zero`);
  if (ms > MAX_DURATION_MS) throw new UsageError(`${flag} must be at most 3650d`);
  return ms;
}

/**
 * A point in time on the command line: `now`, a relative offset into the past (`-1h`, `-30m`,
 * `now-2d`), an ISO-8601 time (`2024-05-01`, `2024-05-01T12:00:00Z`) or epoch milliseconds.
 */
export function parseTime(value: string, flag: string, nowMs: number): Date {
  const v = value.trim();
  if (v.toLowerCase() === 'now') return new Date(nowMs);
  const relative = /^(?:now)?-(.+)$/i.exec(v);
  if (relative) return new Date(nowMs - parseDuration(relative[1] ?? '', flag));
  const absolute = parseTimeInput(v);
  if (absolute === null) {
    throw new UsageError(
      `${flag} must be now, a relative time such as -1h or -30m, an ISO-8601 time or epoch milliseconds (got ${JSON.stringify(value)})`,
    );
  }
  return absolute;
}
