import { z } from 'zod';
import { hostRequestErrorCodeSchema } from '../agent/host-request-error.js';

/**
 * Building blocks of the REST shapes (docs/api.md). Request schemas are what the hub validates
 * with; response schemas are the JSON the hub answers, so every time in them is an ISO-8601 string.
 */

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

/** zod transform: a time input (see parseTimeInput) as a Date, or the standard error. */
export function toTimeInput(value: string | number, ctx: z.RefinementCtx): Date {
  const d = parseTimeInput(value);
  if (d === null) {
    ctx.addIssue({ code: 'custom', message: TIME_INPUT_ERROR });
    return z.NEVER;
  }
  return d;
}

/** ISO-8601 or epoch milliseconds, as protocol.md §3 allows for every time range. */
export const timeParam = z
  .string()
  .transform(toTimeInput)
  .meta({ type: 'string', description: 'ISO-8601 time or epoch milliseconds' });

export const limitParam = (max = 500, dflt = 100) => z.coerce.number().int().min(1).max(max).default(dflt);

/** A route's `:id` that names a stored row (servers, groups, rules, channels, keys). */
export const uuidParam = z.uuid();

/** A point in time in a request body: ISO-8601 with offset, or epoch milliseconds. */
export const dateInput = z
  .union([z.iso.datetime({ offset: true }), z.number().int().nonnegative().max(MAX_EPOCH_MS)])
  .transform((v) => new Date(v))
  .meta({ description: 'ISO-8601 time or epoch milliseconds' });

export const nameInput = (max: number) => z.string().trim().min(1).max(max);

/** A time in a response body: `Date` serialized by JSON. */
export const wireTimeSchema = z.string().describe('ISO-8601 UTC time');

export const severitySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

export const outcomeSchema = z.enum(['success', 'failure']);

/** A keyset page with a numeric cursor (audit, deliveries, attempts). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.number().nullable() });
}

/** Every hub error body (docs/api.md "Errors"). */
export const hubErrorSchema = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.union([z.string(), z.array(z.string())]),
  requestId: z.string().optional(),
  code: hostRequestErrorCodeSchema
    .optional()
    .describe("machine-readable reason of an agent's refusal (502 of a host request)"),
});
export type HubError = z.infer<typeof hubErrorSchema>;

/**
 * The JSON form of a hub-side type: every `Date` becomes its ISO string. The hub states with it
 * that its views serialize to the protocol's response types.
 */
export type JsonOf<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? JsonOf<U>[]
    : T extends object
      ? { [K in keyof T]: JsonOf<T[K]> }
      : T;
