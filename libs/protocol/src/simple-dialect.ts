import { z } from 'zod';
import { WireMessage } from './messages.js';
import { dockerActionNameSchema } from './agent/docker.js';
import {
  byteCounterSchema,
  durationMsSchema,
  exitCodeSchema,
  MAX_DISKS,
  MAX_INTERFACES,
  nameSchema,
  netRateSchema,
  nonEmptyStringSchema,
  pathSchema,
  PERCENT_NOTE,
  percentSchema,
  sizeGbSchema,
  UNIX_MS_MAX,
  UNIX_MS_MIN,
} from './primitives.js';

/**
 * The simple dialect (seed 001) on the agent endpoint: flat frames discriminated by `type`,
 * snake_case fields. Inbound frames drop unknown fields; the hub maps them onto the same internal
 * model as the envelope dialect.
 */

/** Agent → hub, first frame. `api_key` is the server's agent token. */
export const simpleAuthSchema = z.object({ type: z.literal('auth'), api_key: nonEmptyStringSchema });
export type SimpleAuth = z.infer<typeof simpleAuthSchema>;

/** Hub → agent on success. */
export const simpleAuthSuccessSchema = z.object({
  type: z.literal('auth_success'),
  server_id: z.string(),
  message: z.literal(WireMessage.ConnectedSuccessfully),
});
export type SimpleAuthSuccess = z.infer<typeof simpleAuthSuccessSchema>;

/** Hub → agent (or API client): `Invalid or inactive API key`, `Invalid message format`, … */
export const simpleErrorSchema = z.object({ type: z.literal('error'), message: z.string() });
export type SimpleError = z.infer<typeof simpleErrorSchema>;

/**
 * A `disk_usage` element. Seed 001 leaves the shape open (`[...]`); these are the fields the hub reads.
 * Other fields are kept. Sizes are gigabytes.
 */
export const simpleDiskUsageSchema = z.looseObject({
  device: pathSchema.optional(),
  mountpoint: pathSchema.optional(),
  fstype: nameSchema.optional(),
  total_gb: sizeGbSchema.optional(),
  used_gb: sizeGbSchema.optional(),
  percent: percentSchema.optional(),
});
export type SimpleDiskUsage = z.infer<typeof simpleDiskUsageSchema>;

/** A `network` element; shape open in seed 001, these are the fields the hub reads (megabits/s). */
export const simpleNetworkSchema = z.looseObject({
  name: nameSchema.optional(),
  upload_mbps: netRateSchema.optional(),
  download_mbps: netRateSchema.optional(),
  bytes_sent: byteCounterSchema.optional().describe('cumulative bytes sent'),
  bytes_recv: byteCounterSchema.optional().describe('cumulative bytes received'),
});
export type SimpleNetwork = z.infer<typeof simpleNetworkSchema>;

/** An ISO-8601 time (no offset = UTC) within the window of unixMsSchema; unparsable text is the format check's. */
function inTimestampWindow(value: string): boolean {
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) || (ms >= UNIX_MS_MIN && ms < UNIX_MS_MAX);
}

/**
 * Agent → hub, every 5 s. `server_id` is informational (the connection's authenticated server wins);
 * a missing `timestamp` means "now". Accepts ISO-8601 with or without an offset (no offset = UTC).
 */
export const simpleMetricsSchema = z.object({
  type: z.literal('metrics'),
  server_id: nameSchema.optional(),
  cpu_percent: percentSchema.describe(`whole-host CPU usage, percent ${PERCENT_NOTE}`),
  memory_percent: percentSchema.describe(`RAM in use, percent ${PERCENT_NOTE}`),
  disk_usage: z.array(simpleDiskUsageSchema).max(MAX_DISKS).optional(),
  network: z.array(simpleNetworkSchema).max(MAX_INTERFACES).optional(),
  timestamp: z.iso
    .datetime({ offset: true, local: true })
    .refine(inTimestampWindow, { error: 'must be between 1970-01-01 and 2200-01-01' })
    .optional(),
});
export type SimpleMetrics = z.infer<typeof simpleMetricsSchema>;

/** Hub → agent: run a shell command. */
export const simpleCommandSchema = z.object({
  type: z.literal('command'),
  command_id: nonEmptyStringSchema,
  command: nonEmptyStringSchema,
});
export type SimpleCommand = z.infer<typeof simpleCommandSchema>;

/** Agent → hub: result of a `command`. `exit_code` null when killed. */
export const simpleCommandResponseSchema = z.object({
  type: z.literal('command_response'),
  command_id: nonEmptyStringSchema,
  output: z.string(),
  exit_code: exitCodeSchema.nullable(),
  duration_ms: durationMsSchema.describe('milliseconds'),
});
export type SimpleCommandResponse = z.infer<typeof simpleCommandResponseSchema>;

/** Hub → agent: container action. */
export const simpleDockerCommandSchema = z.object({
  type: z.literal('docker_command'),
  command_id: nonEmptyStringSchema,
  action: dockerActionNameSchema,
  container_id: nonEmptyStringSchema,
});
export type SimpleDockerCommand = z.infer<typeof simpleDockerCommandSchema>;

/** Agent → hub: result of a `docker_command`. */
export const simpleDockerResponseSchema = z.object({
  type: z.literal('docker_response'),
  command_id: nonEmptyStringSchema,
  success: z.boolean(),
  message: z.string().optional(),
});
export type SimpleDockerResponse = z.infer<typeof simpleDockerResponseSchema>;

/** Every frame an agent may send in the simple dialect. */
export const simpleAgentFrameSchema = z.discriminatedUnion('type', [
  simpleAuthSchema,
  simpleMetricsSchema,
  simpleCommandResponseSchema,
  simpleDockerResponseSchema,
]);
export type SimpleAgentFrame = z.infer<typeof simpleAgentFrameSchema>;

/** Every frame the hub may send to a simple-dialect agent. */
export const simpleHubFrameSchema = z.discriminatedUnion('type', [
  simpleAuthSuccessSchema,
  simpleErrorSchema,
  simpleCommandSchema,
  simpleDockerCommandSchema,
]);
export type SimpleHubFrame = z.infer<typeof simpleHubFrameSchema>;
