import { z } from 'zod';
import { byteCounterSchema, nameSchema, percentSchema, textSchema, unixMsSchema } from '../primitives.js';

/**
 * EXTENSION events (agent → hub), sent only by our agent. First versions: later issues may refine
 * them. Inbound, so tolerant: unknown extra fields are dropped, ids are plain strings.
 */

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
