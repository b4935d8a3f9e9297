import { z } from 'zod';

/** Latest time the API accepts (JavaScript's own Date limit is 8.64e15 ms). */
const MAX_EPOCH_MS = 8_640_000_000_000_000;

/**
 * ISO-8601 (`2024-01-01`, `2024-01-01T12:00:00Z`, with optional fraction and offset) or whole epoch
 * milliseconds, as protocol.md §3 allows — and nothing else. JavaScript's lenient Date parser
 * would read `-1`, `1.5` or `-0` as a year (1970, 2001, 2000): those are refused.
 */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

export function parseTimeInput(value: string | number): Date | null {
  let ms: number;
  if (typeof value === 'number') ms = Number.isSafeInteger(value) && value >= 0 ? value : NaN;
  else if (/^\d{1,16}$/.test(value)) ms = Number(value);
  else if (ISO_8601.test(value)) ms = new Date(value).getTime();
  else ms = NaN;
  return Number.isFinite(ms) && ms <= MAX_EPOCH_MS ? new Date(ms) : null;
}

export const TIME_INPUT_ERROR = 'must be ISO-8601 (e.g. 2024-01-01T00:00:00Z) or whole epoch milliseconds';

/** ISO-8601 or epoch milliseconds, as protocol.md §3 allows for every time range. */
export const timeParam = z
  .string()
  .transform((v, ctx) => {
    const d = parseTimeInput(v);
    if (d === null) {
      ctx.addIssue({ code: 'custom', message: TIME_INPUT_ERROR });
      return z.NEVER;
    }
    return d;
  })
  .meta({ type: 'string', description: 'ISO-8601 time or epoch milliseconds' });

export const limitParam = (max = 500, dflt = 100) => z.coerce.number().int().min(1).max(max).default(dflt);

/** A route's `:id` that names a stored row (servers, groups, rules, channels, keys). */
export const uuidParam = z.uuid();
