import { z } from 'zod';
import {
  byteCounterSchema,
  durationMsSchema,
  exitCodeSchema,
  MAX_CONTAINERS,
  MAX_LOG_ENTRIES,
  nameSchema,
  pathSchema,
  percentSchema,
  textSchema,
  unixMsSchema,
} from '../primitives.js';
import { dockerContainerStatsSchema } from './extensions.js';

/**
 * EXTENSION events (agent → hub), sent only by our agent. First versions: later issues may refine
 * them. Inbound, so tolerant: unknown extra fields are dropped, ids are plain strings.
 */

/** `ping-result`: one probe run. */
export const pingResultPayloadSchema = z.object({
  taskId: nameSchema,
  at: unixMsSchema.optional().describe('when the probe ran; defaults to the frame timestamp'),
  success: z.boolean(),
  latencyMs: durationMsSchema.nullable().describe('milliseconds; null when the probe failed'),
  error: textSchema.optional(),
});
export type PingResultPayload = z.infer<typeof pingResultPayloadSchema>;

/** `docker-event`: container lifecycle event (start, stop, die, create, destroy, …). */
export const dockerEventPayloadSchema = z.object({
  containerId: nameSchema,
  containerName: nameSchema.optional(),
  image: pathSchema.optional(),
  action: nameSchema.describe('Docker event action, e.g. start, stop, die, create'),
  at: unixMsSchema.optional(),
  exitCode: exitCodeSchema.optional(),
});
export type DockerEventPayload = z.infer<typeof dockerEventPayloadSchema>;

/** `docker-stats`: periodic stats of every running container; `available` false when the daemon is gone. */
export const dockerStatsPayloadSchema = z.object({
  available: z.boolean().optional(),
  containers: z.array(dockerContainerStatsSchema).max(MAX_CONTAINERS),
});
export type DockerStatsPayload = z.infer<typeof dockerStatsPayloadSchema>;

/** One container log line. */
export const dockerLogEntrySchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  line: textSchema,
  at: unixMsSchema.optional(),
});
export type DockerLogEntry = z.infer<typeof dockerLogEntrySchema>;

/** `docker-log`: a batch of lines of a stream opened by `docker-logs-start`. */
export const dockerLogPayloadSchema = z.object({
  streamId: nameSchema,
  containerId: nameSchema.optional(),
  entries: z.array(dockerLogEntrySchema).max(MAX_LOG_ENTRIES),
});
export type DockerLogPayload = z.infer<typeof dockerLogPayloadSchema>;

/** `log`: one followed service-journal line of a stream opened by `logs-follow-start`. */
export const logLinePayloadSchema = z.object({
  streamId: nameSchema,
  service: nameSchema.optional(),
  level: nameSchema.optional().describe('syslog priority name, e.g. INFO, WARNING, ERROR'),
  message: textSchema,
  at: unixMsSchema.optional(),
});
export type LogLinePayload = z.infer<typeof logLinePayloadSchema>;

/** `upgrade-progress`: progress of an `upgrade`; `failed` carries `message`. */
export const upgradeProgressPayloadSchema = z.object({
  stage: z.enum(['downloading', 'verifying', 'installing', 'restarting', 'done', 'failed']),
  percent: percentSchema.optional(),
  version: nameSchema.optional(),
  message: textSchema.optional(),
  bytes: byteCounterSchema.optional().describe('bytes downloaded so far'),
});
export type UpgradeProgressPayload = z.infer<typeof upgradeProgressPayloadSchema>;
