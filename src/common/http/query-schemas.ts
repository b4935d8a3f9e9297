import { z } from 'zod';

/** ISO-8601 or epoch milliseconds, as protocol.md §3 allows for every time range. */
export const timeParam = z
  .string()
  .transform((v, ctx) => {
    const d = /^\d+$/.test(v) ? new Date(Number(v)) : new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be ISO-8601 or epoch milliseconds' });
      return z.NEVER;
    }
    return d;
  })
  .meta({ type: 'string', description: 'ISO-8601 time or epoch milliseconds' });

export const limitParam = (max = 500, dflt = 100) => z.coerce.number().int().min(1).max(max).default(dflt);

/** A route's `:id` that names a stored row (servers, groups, rules, channels, keys). */
export const uuidParam = z.uuid();
