import { z } from 'zod';
import {
  BYTE_COUNTER_MAX,
  COUNT_MAX,
  CPU_SHARE_PERCENT_MAX,
  DISK_RATE_MBPS_MAX,
  DURATION_MS_MAX,
  EXIT_CODE_MAX,
  EXIT_CODE_MIN,
  MAX_ADDRESS_CHARS,
  MAX_NAME_CHARS,
  MAX_PATH_CHARS,
  MAX_TEXT_CHARS,
  NET_RATE_MBITPS_MAX,
  NORMALIZED_LOAD_MAX,
  PERCENT_ACCEPTED_MAX,
  PERCENT_MAX,
  SIZE_GB_MAX,
  SIZE_MB_MAX,
  TEMPERATURE_C_MAX,
  TEMPERATURE_C_MIN,
  UNIX_MS_MAX,
  UNIX_MS_MIN,
  UPTIME_SECONDS_MAX,
} from './limits.js';
import { CONTAINER_REF_PATTERN, SERVICE_NAME_PATTERN, STREAM_ID_PATTERN } from './patterns.js';

/**
 * Building blocks shared by the frame schemas. `z.number()` already rejects NaN and ±Infinity,
 * and JSON cannot carry them anyway; a numeric string is always rejected.
 */

export { CONTAINER_REF_PATTERN, SERVICE_NAME_PATTERN, STREAM_ID_PATTERN } from './patterns.js';
export * from './limits.js';

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

/**
 * Non-negative finite number without an upper bound: only for values the hub computes and sends
 * (console and API-client frames). Everything an agent sends uses a bounded range below.
 */
export const nonNegativeSchema = z.number().min(0);

/** A finite number in [min, max]; out of range reads `must be <= max` (see format-issues.ts). */
export function rangeSchema(min: number, max: number) {
  return z.number().min(min).max(max);
}

/**
 * Whole-host percentage 0..100. Values in (100, 100.5] are accepted and clamped to 100 (rounding
 * in agents); anything above is refused.
 */
export const percentSchema = z
  .number()
  .min(0)
  .max(PERCENT_ACCEPTED_MAX)
  // overwrite, not transform: the schema stays a number (representable in JSON Schema both ways).
  .overwrite((v) => Math.min(v, PERCENT_MAX))
  .describe(`percent 0..100; up to ${PERCENT_ACCEPTED_MAX} accepted and clamped to ${PERCENT_MAX}`);

/** How {@link percentSchema} treats its values, for field descriptions that replace its own. */
export const PERCENT_NOTE = `0..100; up to ${PERCENT_ACCEPTED_MAX} accepted and clamped to ${PERCENT_MAX}`;

/** CPU share of a process or container: 100 % per logical CPU, so it may exceed 100. */
export const cpuSharePercentSchema = rangeSchema(0, CPU_SHARE_PERCENT_MAX).describe(
  `percent of one CPU, 0..${CPU_SHARE_PERCENT_MAX} (100 per logical CPU)`,
);

/** RAM and filesystem sizes, gigabytes (1024³ bytes), at most 1 PiB. */
export const sizeGbSchema = rangeSchema(0, SIZE_GB_MAX);
/** Memory sizes in megabytes (MiB), at most 1 PiB. */
export const sizeMbSchema = rangeSchema(0, SIZE_MB_MAX);
/** Disk throughput, megabytes per second. */
export const diskRateSchema = rangeSchema(0, DISK_RATE_MBPS_MAX);
/** Network throughput of one interface, megabits per second. */
export const netRateSchema = rangeSchema(0, NET_RATE_MBITPS_MAX);
/** Cumulative byte counter (exact up to 2^53 − 1). */
export const byteCounterSchema = rangeSchema(0, BYTE_COUNTER_MAX);
/** Load average ÷ logical CPUs. */
export const normalizedLoadValueSchema = rangeSchema(0, NORMALIZED_LOAD_MAX);
/** Seconds since boot (or since a process started). */
export const uptimeSecondsSchema = rangeSchema(0, UPTIME_SECONDS_MAX);
/** Degrees Celsius. */
export const temperatureSchema = rangeSchema(TEMPERATURE_C_MIN, TEMPERATURE_C_MAX);
/** Duration reported by an agent, milliseconds. */
export const durationMsSchema = rangeSchema(0, DURATION_MS_MAX);

/** Unix epoch time in milliseconds, 1970..2200. Fractions are tolerated; the hub rounds. */
export const unixMsSchema = rangeSchema(UNIX_MS_MIN, UNIX_MS_MAX).describe(
  'Unix epoch milliseconds (1970..2200)',
);

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

/** Non-negative integer count (processes, connections, threads, pids, cores), at most 10 million. */
export const countSchema = integerSchema().min(0).max(COUNT_MAX);

/** Sequence number or id: a non-negative safe integer (z.int() stops at SEQ_MAX = 2^53 − 1). */
export const seqSchema = integerSchema().min(0);

/** Process exit code (signed or unsigned 32-bit). */
export const exitCodeSchema = integerSchema().min(EXIT_CODE_MIN).max(EXIT_CODE_MAX);

/** A name sent by an agent (interface, filesystem type, GPU, service, state, container…). */
export const nameSchema = z.string().max(MAX_NAME_CHARS);
/** A path sent by an agent (block device, mountpoint). */
export const pathSchema = z.string().max(MAX_PATH_CHARS);
/** An address sent by an agent (MAC, IPv4, IPv6). */
export const addressSchema = z.string().max(MAX_ADDRESS_CHARS);
/** Free text sent by an agent (log line, error message). */
export const textSchema = z.string().max(MAX_TEXT_CHARS);

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The operating system's one display name, made by the hub from the agent's host facts: the
 * distribution's pretty name ("Debian GNU/Linux 12 (bookworm)") when the agent reads os-release,
 * the bare system name ("Linux") when it sends a kernel build string as its version (seed 002),
 * null when the agent never said (seed 001). Clients show it as is; they never join fields.
 */
export const osDisplayNameSchema = z
  .string()
  .nullable()
  .describe('operating system display name, e.g. "Debian GNU/Linux 12 (bookworm)"; null when unknown');
