import { z } from 'zod';
import { CONTAINER_REF_PATTERN, SERVICE_NAME_PATTERN, STREAM_ID_PATTERN } from './patterns.js';

/**
 * Building blocks shared by the frame schemas. `z.number()` already rejects NaN and ±Infinity,
 * and JSON cannot carry them anyway; a numeric string is always rejected.
 */

export { CONTAINER_REF_PATTERN, SERVICE_NAME_PATTERN, STREAM_ID_PATTERN } from './patterns.js';

/** A service name the hub may send to an agent (see {@link SERVICE_NAME_PATTERN}). */
export const serviceNameSchema = z
  .string()
  .regex(SERVICE_NAME_PATTERN, { error: 'must be a service name made of A-Z a-z 0-9 @ . _ : - (max 256)' })
  .describe('systemd unit name, e.g. "nginx" or "nginx.service"');

/** A container id or name the hub may send to an agent. */
export const containerRefSchema = z
  .string()
  .regex(CONTAINER_REF_PATTERN, { error: 'must be a container id or name made of A-Z a-z 0-9 _ . -' })
  .describe('Docker container id or name');

/** Hub-chosen id of a terminal session, log follow or ping task. */
export const streamIdSchema = z
  .string()
  .regex(STREAM_ID_PATTERN, { error: 'must be 1-64 characters of A-Z a-z 0-9 _ -' });

/** Non-negative finite number (sizes, speeds, durations). */
export const nonNegativeSchema = z.number().min(0);

/**
 * Percentage, nominally 0..100. Not capped above: rounding and multi-core process accounting
 * legitimately produce values like 100.4 or 250.
 */
export const percentSchema = z.number().min(0).describe('percent, nominally 0..100');

/** Unix epoch time in milliseconds. Fractions are tolerated; the hub rounds. */
export const unixMsSchema = z.number().min(0).describe('Unix epoch milliseconds');

/** ISO-8601 date-time with a `Z` or `±hh:mm` offset, e.g. "2024-01-01T00:00:00Z". */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Non-empty string. */
export const nonEmptyStringSchema = z.string().min(1);

function receivedType(input: unknown): string {
  if (input === null) return 'null';
  return Array.isArray(input) ? 'array' : typeof input;
}

/**
 * A safe integer whose type errors say "integer" (zod's own say "number" for a string input).
 * Range checks keep zod's messages, which the formatter renders as `must be <= 3600`.
 */
export function integerSchema() {
  return z.int({
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      if (issue.input === undefined) return 'missing (expected integer)';
      if (typeof issue.input === 'number') return 'expected integer, received non-integer number';
      return `expected integer, received ${receivedType(issue.input)}`;
    },
  });
}

/** Non-negative integer count (processes, connections, threads, sequence numbers). */
export const countSchema = integerSchema().min(0);

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
