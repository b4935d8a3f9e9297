import { z } from 'zod';
import {
  containerSnapshotSchema,
  DOCKER_LOG_TAIL_DEFAULT,
  DOCKER_LOG_TAIL_MAX,
  dockerActionSchema,
  dockerEventActionSchema,
  dockerHealthSchema,
  dockerLogEntrySchema,
  dockerStateSchema,
} from '../agent/docker.js';
import { limitParam, timeParam, wireTimeSchema } from './common.js';

/**
 * The Docker module's REST shapes (src/docker, docs/docker.md). Containers are keyed by server id
 * and the engine's 64-digit container id; one that disappears keeps its rows (and `removedAt`)
 * until the servers' retention ends.
 */

/** A container as the hub knows it: the last snapshot plus what the hub keeps about it. */
export const containerViewSchema = containerSnapshotSchema.extend({
  serverId: z.uuid(),
  serverName: z.string(),
  firstSeenAt: wireTimeSchema,
  lastSeenAt: wireTimeSchema.describe('time of the last docker-stats that listed it'),
  removedAt: wireTimeSchema
    .nullable()
    .describe('when it was no longer listed (destroyed); null while present'),
});
export type ContainerView = z.infer<typeof containerViewSchema>;

/** `GET /api/v1/servers/{id}/containers`. */
export const serverContainersSchema = z.object({
  available: z.boolean().nullable().describe('engine reachable at the last collection; null before any'),
  error: z.string().nullable(),
  updatedAt: wireTimeSchema.nullable(),
  containers: z.array(containerViewSchema),
});
export type ServerContainers = z.infer<typeof serverContainersSchema>;

/** `GET /api/v1/containers` (fleet-wide, servers the caller may see). */
export const containerListQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional().describe('matches container name, image or server name'),
    state: dockerStateSchema.optional(),
    health: dockerHealthSchema.optional(),
    serverId: z.uuid().optional(),
    includeRemoved: z.enum(['true', 'false']).optional(),
    limit: limitParam(1000, 200),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ContainerListQuery = z.infer<typeof containerListQuerySchema>;
export const containerListSchema = z.object({
  items: z.array(containerViewSchema),
  total: z.number().int().min(0),
});
export type ContainerList = z.infer<typeof containerListSchema>;

/** Figures kept per container per minute (avg) and hour (avg and max), as the snapshot names them. */
export const CONTAINER_METRICS = [
  'cpuPercent',
  'memoryUsageBytes',
  'memoryLimitBytes',
  'netRxBytesPerSec',
  'netTxBytesPerSec',
  'blockReadBytesPerSec',
  'blockWriteBytesPerSec',
  'pids',
] as const;
export type ContainerMetric = (typeof CONTAINER_METRICS)[number];

/** `GET /api/v1/servers/{id}/containers/{containerId}/history?from&to&resolution`. */
export const containerHistoryQuerySchema = z
  .object({
    from: timeParam.optional().describe('default: 24 h before `to`'),
    to: timeParam.optional().describe('default: now'),
    resolution: z
      .enum(['auto', 'minute', 'hour'])
      .default('auto')
      .describe('auto: minute up to 48 h, else hour'),
  })
  .strict();
export type ContainerHistoryQuery = z.infer<typeof containerHistoryQuerySchema>;
export const containerHistoryPointSchema = z.object({
  t: z.number().int().describe('bucket start, epoch ms'),
  running: z.number().min(0).max(1).describe('share of the bucket the container was running'),
  cpuPercent: z
    .number()
    .nullable()
    .describe('averages over the bucket; null when no collection had the figure'),
  memoryUsageBytes: z.number().nullable(),
  memoryLimitBytes: z.number().nullable(),
  netRxBytesPerSec: z.number().nullable(),
  netTxBytesPerSec: z.number().nullable(),
  blockReadBytesPerSec: z.number().nullable(),
  blockWriteBytesPerSec: z.number().nullable(),
  pids: z.number().nullable(),
  cpuPercentMax: z.number().nullable(),
  memoryUsageBytesMax: z.number().nullable(),
} satisfies Record<ContainerMetric | 't' | 'running' | 'cpuPercentMax' | 'memoryUsageBytesMax', z.ZodType>);
export type ContainerHistoryPoint = z.infer<typeof containerHistoryPointSchema>;
export const containerHistorySchema = z.object({
  serverId: z.uuid(),
  containerId: z.string(),
  resolution: z.enum(['minute', 'hour']),
  from: wireTimeSchema,
  to: wireTimeSchema,
  points: z.array(containerHistoryPointSchema),
});
export type ContainerHistory = z.infer<typeof containerHistorySchema>;

/** A stored container event. */
export const dockerEventViewSchema = z.object({
  id: z.string(),
  serverId: z.uuid(),
  containerId: z.string(),
  containerName: z.string().nullable(),
  image: z.string().nullable(),
  action: dockerEventActionSchema,
  exitCode: z.number().int().nullable(),
  health: dockerHealthSchema.nullable(),
  at: wireTimeSchema,
});
export type DockerEventView = z.infer<typeof dockerEventViewSchema>;

/** `GET /api/v1/servers/{id}/docker/events` and `GET /api/v1/docker/events` (fleet), newest first. */
export const dockerEventQuerySchema = z
  .object({
    containerId: z
      .string()
      .regex(/^[a-f0-9]{64}$/)
      .optional(),
    serverId: z.uuid().optional(),
    action: dockerEventActionSchema.optional(),
    from: timeParam.optional(),
    to: timeParam.optional(),
    limit: limitParam(1000, 200),
  })
  .strict();
export type DockerEventQuery = z.infer<typeof dockerEventQuerySchema>;
export const dockerEventListSchema = z.object({ items: z.array(dockerEventViewSchema) });
export type DockerEventList = z.infer<typeof dockerEventListSchema>;

/** `POST /api/v1/servers/{id}/containers/{containerId}/actions` (admin, step-up, audited). */
export const containerActionBodySchema = z.object({ action: dockerActionSchema }).strict();
export type ContainerActionBody = z.infer<typeof containerActionBodySchema>;
export const containerActionResultSchema = z.object({
  ok: z.literal(true),
  action: dockerActionSchema,
  message: z.string().nullable(),
});
export type ContainerActionResult = z.infer<typeof containerActionResultSchema>;

/**
 * `GET /api/v1/servers/{id}/containers/{containerId}/logs?tail&follow` — Server-Sent Events. Each
 * `data:` is one {@link containerLogEventSchema}. The agent's stream is stopped when the client
 * disconnects. Per message at most DOCKER_LOG_LINE_MAX_BYTES per line; per second the agent's cap.
 */
export const containerLogsQuerySchema = z
  .object({
    tail: z.coerce.number().int().min(0).max(DOCKER_LOG_TAIL_MAX).default(DOCKER_LOG_TAIL_DEFAULT),
    follow: z.enum(['true', 'false']).default('true'),
  })
  .strict();
export type ContainerLogsQuery = z.infer<typeof containerLogsQuerySchema>;
export const containerLogEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lines'), entries: z.array(dockerLogEntrySchema) }),
  z.object({ type: z.literal('dropped'), bytes: z.number().int().min(0) }),
  z.object({ type: z.literal('end'), reason: z.string() }),
]);
export type ContainerLogEvent = z.infer<typeof containerLogEventSchema>;
