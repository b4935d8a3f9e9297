import { z } from 'zod';
import {
  byteCounterSchema,
  containerRefSchema,
  countSchema,
  cpuSharePercentSchema,
  integerSchema,
  MAX_CAPABILITIES,
  MAX_CONTAINERS,
  nameSchema,
  nonEmptyStringSchema,
  pathSchema,
  PROTOCOL_VERSION_MAX,
  serviceNameSchema,
  sizeMbSchema,
  streamIdSchema,
  unixMsSchema,
} from '../primitives.js';

/**
 * EXTENSION requests (hub → agent), sent only to agents that advertise the matching capability; a
 * seed-002 agent never receives them. First versions: later issues may refine the fields.
 */

// `exec` lives in ./exec.ts, the terminal channel in ./terminal.ts.

/** One probe assigned to the agent. */
export const pingTaskSchema = z.object({
  id: streamIdSchema,
  probe: z.enum(['icmp', 'tcp', 'http']),
  target: nonEmptyStringSchema.max(2048).describe('host name/address, host:port or http(s) URL'),
  intervalSeconds: integerSchema().min(1).max(86_400),
  timeoutMs: integerSchema().min(1).max(60_000).optional(),
});
export type PingTask = z.infer<typeof pingTaskSchema>;

/** `ping-tasks-sync`: the complete task list; anything not listed is stopped (capability `ping`). */
export const pingTasksSyncRequestSchema = z.object({ tasks: z.array(pingTaskSchema) });
export type PingTasksSyncRequest = z.infer<typeof pingTasksSyncRequestSchema>;

/** One container as listed by the agent. */
export const dockerContainerSchema = z.looseObject({
  id: nameSchema,
  name: nameSchema,
  image: pathSchema.describe('image reference, e.g. registry/name:tag@sha256:…'),
  state: nameSchema.describe('created, running, paused, restarting, exited, dead'),
  status: nameSchema.optional().describe('human text, e.g. "Up 3 hours"'),
  createdAt: unixMsSchema.optional(),
});
export type DockerContainer = z.infer<typeof dockerContainerSchema>;

/** `docker-list` data (capability `docker`); request payload is null. */
export const dockerListResultSchema = z.object({
  available: z.boolean().describe('false when the Docker daemon is unreachable'),
  containers: z.array(dockerContainerSchema).max(MAX_CONTAINERS),
});
export type DockerListResult = z.infer<typeof dockerListResultSchema>;

/** Container actions, shared with the simple dialect's `docker_command`. */
export const dockerActionNameSchema = z.enum(['start', 'stop', 'restart', 'remove']);
export type DockerActionName = z.infer<typeof dockerActionNameSchema>;

/** `docker-action` (capability `docker-actions`). */
export const dockerActionRequestSchema = z.object({
  containerId: containerRefSchema,
  action: dockerActionNameSchema,
});
export type DockerActionRequest = z.infer<typeof dockerActionRequestSchema>;

/** `docker-logs-start`: stream a container's log as `docker-log` events tagged with `streamId`. */
export const dockerLogsStartRequestSchema = z.object({
  streamId: streamIdSchema,
  containerId: containerRefSchema,
  tail: integerSchema().min(0).max(10_000).optional().describe('lines of history to send first'),
});
export type DockerLogsStartRequest = z.infer<typeof dockerLogsStartRequestSchema>;

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

/** Stats for one container, sent in `docker-stats` events. */
export const dockerContainerStatsSchema = z.object({
  id: nameSchema,
  name: nameSchema.optional(),
  cpuPercent: cpuSharePercentSchema,
  memoryUsedMB: sizeMbSchema.describe('megabytes'),
  memoryLimitMB: sizeMbSchema.optional().describe('megabytes'),
  netRxBytes: byteCounterSchema.optional(),
  netTxBytes: byteCounterSchema.optional(),
  blockReadBytes: byteCounterSchema.optional(),
  blockWriteBytes: byteCounterSchema.optional(),
  pids: countSchema.optional(),
});
export type DockerContainerStats = z.infer<typeof dockerContainerStatsSchema>;
