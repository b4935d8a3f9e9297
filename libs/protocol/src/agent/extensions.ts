import { z } from 'zod';
import {
  integerSchema,
  MAX_CAPABILITIES,
  nameSchema,
  nonEmptyStringSchema,
  PROTOCOL_VERSION_MAX,
  serviceNameSchema,
  streamIdSchema,
} from '../primitives.js';

/**
 * EXTENSION requests (hub → agent), sent only to agents that advertise the matching capability; a
 * seed-002 agent never receives them. First versions: later issues may refine the fields.
 */

// `exec` lives in ./exec.ts, the terminal channel in ./terminal.ts, Docker in ./docker.ts, probes in ./probes.ts.

/** `docker-logs-stop`, `logs-follow-stop`. */
export const streamStopRequestSchema = z.object({ streamId: streamIdSchema });
export type StreamStopRequest = z.infer<typeof streamStopRequestSchema>;

/** `logs-follow-start`: follow a service's journal as `log` events (capability `logs`). */
export const logsFollowStartRequestSchema = z.object({
  streamId: streamIdSchema,
  service: serviceNameSchema,
  lines: integerSchema().min(0).max(1000).optional().describe('lines of history to send first'),
});
export type LogsFollowStartRequest = z.infer<typeof logsFollowStartRequestSchema>;

/** `upgrade` (capability `upgrade`): the agent verifies `sha256` before replacing itself. */
export const upgradeRequestSchema = z.object({
  version: nonEmptyStringSchema.max(64),
  url: z.url({ protocol: /^https$/ }),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, { error: 'must be 64 lower-case hex digits' }),
});
export type UpgradeRequest = z.infer<typeof upgradeRequestSchema>;

/** `get-capabilities` data (request payload null); also answered by agents with every capability off. */
export const capabilitiesResultSchema = z.object({
  capabilities: z.array(nameSchema).max(MAX_CAPABILITIES),
  agentVersion: nameSchema.optional(),
  protocolVersion: integerSchema().min(1).max(PROTOCOL_VERSION_MAX).optional(),
});
export type CapabilitiesResult = z.infer<typeof capabilitiesResultSchema>;
