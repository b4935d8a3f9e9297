import { z } from 'zod';
import { durationMsSchema, exitCodeSchema, integerSchema, nameSchema, unixMsSchema } from '../primitives.js';
import {
  EXEC_COMMAND_MAX_CHARS,
  EXEC_OUTPUT_CAP_DEFAULT_BYTES,
  EXEC_OUTPUT_CAP_MAX_BYTES,
  EXEC_OUTPUT_CAP_MIN_BYTES,
  EXEC_TIMEOUT_MAX_MS,
} from './exec-limits.js';

export * from './exec-limits.js';

/**
 * `exec` (capability `exec`, our agent only): one shell command on the host. The request is what the
 * hub SENDS (strict); output chunks and the result are what the agent sends. The envelope `id` of the
 * request names the run on the agent: chunks carry it as `requestId`, and a repeated id is answered
 * from the agent's response cache instead of running twice (protocol.md, "Request ids").
 */
export const execRequestSchema = z.object({
  command: z
    .string()
    .min(1)
    .max(EXEC_COMMAND_MAX_CHARS)
    .describe('shell command text, run with `<shell> -c`'),
  timeoutMs: integerSchema()
    .min(1)
    .max(EXEC_TIMEOUT_MAX_MS)
    .optional()
    .describe(
      'milliseconds; the agent kills the whole process group when it expires (agent default if absent)',
    ),
  outputCapBytes: integerSchema()
    .min(EXEC_OUTPUT_CAP_MIN_BYTES)
    .max(EXEC_OUTPUT_CAP_MAX_BYTES)
    .optional()
    .describe(`bytes kept per stream, half head half tail; default ${EXEC_OUTPUT_CAP_DEFAULT_BYTES}`),
  stream: z.boolean().optional().describe('send `exec-output` events while the command runs (default true)'),
});
export type ExecRequest = z.infer<typeof execRequestSchema>;

export const execStreamNameSchema = z.enum(['stdout', 'stderr']);
export type ExecStreamName = z.infer<typeof execStreamNameSchema>;

/**
 * `exec-output` event: a chunk of live output. `seq` counts from 0 per request across both streams,
 * so a receiver can order them and see a gap. Live chunks are best effort (dropped while the link is
 * down); the result is the record.
 */
export const execOutputPayloadSchema = z.object({
  requestId: integerSchema().min(0).max(Number.MAX_SAFE_INTEGER),
  seq: integerSchema().min(0).max(Number.MAX_SAFE_INTEGER),
  stream: execStreamNameSchema,
  data: z.base64().describe('base64-encoded bytes'),
});
export type ExecOutputPayload = z.infer<typeof execOutputPayloadSchema>;

/** One stream of the result: the first and last bytes kept, the middle dropped when over the cap. */
export const execStreamResultSchema = z.object({
  head: z.string().describe('first bytes (UTF-8, invalid sequences replaced)'),
  tail: z.string().describe('last bytes; empty unless bytes were dropped between head and tail'),
  droppedBytes: integerSchema().min(0).max(Number.MAX_SAFE_INTEGER),
  totalBytes: integerSchema().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type ExecStreamResult = z.infer<typeof execStreamResultSchema>;

/** `exec` response data. Exactly one of `exitCode` / `signal` is set once the process ended. */
export const execResultSchema = z.object({
  exitCode: exitCodeSchema.nullable().describe('null when the process ended by a signal'),
  signal: nameSchema.nullable().describe('e.g. SIGKILL; null when it exited'),
  timedOut: z.boolean(),
  cancelled: z
    .boolean()
    .optional()
    .describe('true when an `exec-cancel` killed the process group (absent from older agents)'),
  stdout: execStreamResultSchema,
  stderr: execStreamResultSchema,
  startedAt: unixMsSchema,
  endedAt: unixMsSchema,
  durationMs: durationMsSchema,
});
export type ExecResult = z.infer<typeof execResultSchema>;

/**
 * `exec-cancel` (capability `exec`): kill the process group of the running `exec` whose envelope id
 * is `requestId` (SIGTERM, SIGKILL 2 s later). That exec's result then says `cancelled: true`.
 * Answered `{found}`: false when no such command is running (unknown, or already ended).
 */
export const execCancelRequestSchema = z.object({
  requestId: integerSchema().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type ExecCancelRequest = z.infer<typeof execCancelRequestSchema>;

export const execCancelResultSchema = z.object({
  found: z.boolean().describe('a running command with that request id was signalled'),
});
export type ExecCancelResult = z.infer<typeof execCancelResultSchema>;
