import { z } from 'zod';
import { agentCapabilitySchema } from './capabilities.js';
import { watchedServiceSchema } from './agent/metrics.js';
import { containerSnapshotSchema, dockerEventActionSchema, dockerHealthSchema } from './agent/docker.js';
import {
  countSchema,
  integerSchema,
  isoDateTimeSchema,
  nonNegativeSchema,
  osDisplayNameSchema,
  percentSchema,
} from './primitives.js';

/**
 * Hub → console frames on `/api/v1/ws` (seed 000's BrowserMessage family), snake_case `type`,
 * camelCase fields. Times are ISO-8601 strings. `full_sync` on connect and whenever a browser fell
 * behind; `update` at most once per 500 ms with only the servers that changed.
 */

/**
 * Latest live sample of a server, summarised for the overview (never a backfilled sample). A hub
 * that restarted while a server was offline reads it back from the server's newest stored minute:
 * gauges are that minute's averages, and what the records do not keep (sizes in GB) is null.
 */
export const serverMetricsSummarySchema = z.object({
  at: isoDateTimeSchema.describe(
    'sample time, agent clock corrected for skew (within the stored minute when read back after a restart)',
  ),
  cpuPercent: percentSchema,
  memoryPercent: percentSchema,
  memoryUsedGB: nonNegativeSchema.nullable().describe('gigabytes; null when not known'),
  memoryTotalGB: nonNegativeSchema.nullable().describe('gigabytes; null when the agent does not report it'),
  swapPercent: percentSchema.nullable(),
  load1: nonNegativeSchema.describe('normalized: load average / logical CPUs'),
  load5: nonNegativeSchema,
  load15: nonNegativeSchema,
  diskPercent: percentSchema.nullable().describe('usage of the fullest filesystem'),
  diskUsedGB: nonNegativeSchema.nullable().describe('sum over filesystems, gigabytes; null when not known'),
  diskTotalGB: nonNegativeSchema.nullable().describe('sum over filesystems, gigabytes; null when not known'),
  diskReadMBps: nonNegativeSchema.describe('megabytes per second'),
  diskWriteMBps: nonNegativeSchema.describe('megabytes per second'),
  netInMbps: nonNegativeSchema.describe('megabits per second, all interfaces'),
  netOutMbps: nonNegativeSchema.describe('megabits per second, all interfaces'),
  uptimeSeconds: nonNegativeSchema.nullable().describe('seconds; null when not known'),
  processCount: countSchema.nullable(),
  tcpConnections: countSchema.nullable(),
  udpConnections: countSchema.nullable(),
  cpuTemperatureC: z.number().nullable(),
});
export type ServerMetricsSummary = z.infer<typeof serverMetricsSummarySchema>;

/** Everything the overview shows about one server. */
export const serverStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  online: z.boolean(),
  lastSeenAt: isoDateTimeSchema.nullable().describe('last frame from the agent; null = never connected'),
  offlineSince: isoDateTimeSchema
    .nullable()
    .optional()
    .describe('since when the agent is gone, kept across hub restarts; null while online or never connected'),
  metricsPaused: z
    .boolean()
    .optional()
    .describe(
      'metrics paused from the console (agent settings interval 0): online without samples on purpose',
    ),
  groupId: z.string().nullable(),
  tags: z.array(z.string()),
  dialect: z.enum(['envelope', 'simple']).nullable().describe('null until the first connection'),
  agentVersion: z.string().nullable(),
  protocolVersion: integerSchema().min(1).nullable(),
  capabilities: z.array(agentCapabilitySchema),
  hostname: z.string().nullable(),
  os: osDisplayNameSchema,
  architecture: z.string().nullable(),
  clockSkewMs: z.number().nullable().describe('estimated agent clock minus hub clock, milliseconds'),
  dockerAvailable: z.boolean().nullable().describe('null when the agent has no docker capability'),
  containers: z
    .object({
      running: integerSchema().min(0),
      total: integerSchema().min(0),
      unhealthy: integerSchema().min(0),
    })
    .nullable()
    .describe(
      'container counts from the last docker-stats; null without the docker capability or before the first',
    ),
  watchedServices: z.array(watchedServiceSchema),
  metrics: serverMetricsSummarySchema.nullable(),
});
export type ServerState = z.infer<typeof serverStateSchema>;

/** Alert state change, shared by the console stream and (as-is) the notification log. */
export const alertNoticeSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  serverId: z.string(),
  serverName: z.string(),
  /** The container of a container condition's alert; absent for a server's alert. */
  container: z.string().optional(),
  state: z.enum(['triggered', 'resolved']),
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
  value: z.number().nullable().describe('the metric value that crossed the threshold'),
  at: isoDateTimeSchema,
  acknowledgedAt: isoDateTimeSchema.nullable().optional(),
  acknowledgedBy: z.string().nullable().optional(),
  ackComment: z.string().nullable().optional(),
  snoozedUntil: isoDateTimeSchema.nullable().optional(),
  /** Set when only the acknowledgement or snooze of a firing alert changed: not a new firing. */
  update: z.enum(['acknowledged', 'snoozed', 'unsnoozed']).optional(),
});
export type AlertNotice = z.infer<typeof alertNoticeSchema>;

export const fullSyncFrameSchema = z.object({
  type: z.literal('full_sync'),
  servers: z.array(serverStateSchema),
  at: isoDateTimeSchema,
});
export const updateFrameSchema = z.object({
  type: z.literal('update'),
  servers: z.array(serverStateSchema).describe('complete state of each server that changed'),
  at: isoDateTimeSchema,
});
export const serverOnlineFrameSchema = z.object({
  type: z.literal('server_online'),
  serverId: z.string(),
  at: isoDateTimeSchema,
});
export const serverOfflineFrameSchema = z.object({
  type: z.literal('server_offline'),
  serverId: z.string(),
  at: isoDateTimeSchema,
});
export const alertFrameSchema = z.object({ type: z.literal('alert'), alert: alertNoticeSchema });
export const dockerUpdateFrameSchema = z.object({
  type: z.literal('docker_update'),
  serverId: z.string(),
  containers: z.array(containerSnapshotSchema).describe('every container of the server, with live figures'),
  at: isoDateTimeSchema,
});
export const dockerEventFrameSchema = z.object({
  type: z.literal('docker_event'),
  serverId: z.string(),
  containerId: z.string(),
  containerName: z.string().nullable(),
  action: dockerEventActionSchema,
  exitCode: z.number().int().nullable(),
  health: dockerHealthSchema.nullable(),
  at: isoDateTimeSchema,
});
export const dockerAvailabilityChangedFrameSchema = z.object({
  type: z.literal('docker_availability_changed'),
  serverId: z.string(),
  available: z.boolean(),
  at: isoDateTimeSchema,
});

export type FullSyncFrame = z.infer<typeof fullSyncFrameSchema>;
export type UpdateFrame = z.infer<typeof updateFrameSchema>;
export type ServerOnlineFrame = z.infer<typeof serverOnlineFrameSchema>;
export type ServerOfflineFrame = z.infer<typeof serverOfflineFrameSchema>;
export type AlertFrame = z.infer<typeof alertFrameSchema>;
export type DockerUpdateFrame = z.infer<typeof dockerUpdateFrameSchema>;
export type DockerEventFrame = z.infer<typeof dockerEventFrameSchema>;
export type DockerAvailabilityChangedFrame = z.infer<typeof dockerAvailabilityChangedFrameSchema>;

/** Every hub → console frame. */
export const browserFrameSchema = z.discriminatedUnion('type', [
  fullSyncFrameSchema,
  updateFrameSchema,
  serverOnlineFrameSchema,
  serverOfflineFrameSchema,
  alertFrameSchema,
  dockerUpdateFrameSchema,
  dockerEventFrameSchema,
  dockerAvailabilityChangedFrameSchema,
]);
export type BrowserFrame = z.infer<typeof browserFrameSchema>;
export type BrowserFrameType = BrowserFrame['type'];
