import { z } from 'zod';
import {
  byteCounterSchema,
  containerRefSchema,
  countSchema,
  cpuSharePercentSchema,
  exitCodeSchema,
  integerSchema,
  MAX_CONTAINERS,
  nameSchema,
  pathSchema,
  streamIdSchema,
  textSchema,
  unixMsSchema,
} from '../primitives.js';
import {
  DOCKER_ACTIONS,
  DOCKER_EVENT_ACTIONS,
  DOCKER_HEALTH,
  DOCKER_LOG_BATCH_MAX,
  DOCKER_LOG_TAIL_MAX,
  DOCKER_MAX_LABELS,
  DOCKER_MAX_MOUNTS,
  DOCKER_MAX_PORTS,
  DOCKER_STATES,
} from './docker-limits.js';

export * from './docker-limits.js';
export * from './docker-figures.js';
// A valid snapshot for tests (the hub's test helpers build on it).
export { containerSnapshot } from './docker.example.js';

/**
 * The Docker module (capabilities `docker` for reading, `docker-actions` for changing containers).
 * The agent talks to the Engine API on its unix socket (or DOCKER_HOST); both capabilities are off
 * unless the host's own config enables them. Inbound shapes (agent → hub) are tolerant of extra
 * fields but bound every value; requests (hub → agent) are strict.
 */

/** A full container id: 64 lower-case hex digits (the Engine API's `Id`). */
export const containerIdSchema = z
  .string()
  .regex(/^[a-f0-9]{64}$/, { error: 'must be a 64-digit container id' });

/** Bytes per second (network, block I/O): up to 1 TB/s. */
export const byteRateSchema = z.number().min(0).max(1e12);

export const dockerStateSchema = z.enum(DOCKER_STATES);
export const dockerHealthSchema = z.enum(DOCKER_HEALTH);
export const dockerEventActionSchema = z.enum(DOCKER_EVENT_ACTIONS);
export const dockerActionSchema = z.enum(DOCKER_ACTIONS);

export const dockerPortSchema = z.object({
  privatePort: integerSchema().min(0).max(65_535),
  publicPort: integerSchema().min(0).max(65_535).nullable(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  ip: nameSchema.nullable().describe('host address the port is published on; null when not published'),
});
export type DockerPort = z.infer<typeof dockerPortSchema>;

/**
 * One container as the agent sees it at a collection. Figures are present only for running (or
 * paused) containers and only once a previous reading exists to compute rates from: CPU % is the
 * container's share of one CPU × 100 (400 = four CPUs busy), rates are per second since the
 * previous collection.
 */
export const containerSnapshotSchema = z.object({
  id: containerIdSchema,
  name: nameSchema.describe('without the leading slash'),
  image: pathSchema.describe('image reference as created, e.g. nginx:1.27'),
  state: dockerStateSchema,
  health: dockerHealthSchema,
  restartCount: countSchema,
  exitCode: exitCodeSchema.nullable().describe('last exit code; null while never exited'),
  createdAt: unixMsSchema,
  startedAt: unixMsSchema.nullable(),
  ports: z.array(dockerPortSchema).max(DOCKER_MAX_PORTS),
  cpuPercent: cpuSharePercentSchema.nullable(),
  memoryUsageBytes: byteCounterSchema.nullable().describe('usage minus page cache, as `docker stats` shows'),
  memoryLimitBytes: byteCounterSchema.nullable(),
  netRxBytesPerSec: byteRateSchema.nullable(),
  netTxBytesPerSec: byteRateSchema.nullable(),
  blockReadBytesPerSec: byteRateSchema.nullable(),
  blockWriteBytesPerSec: byteRateSchema.nullable(),
  pids: countSchema.nullable(),
});
export type ContainerSnapshot = z.infer<typeof containerSnapshotSchema>;

/**
 * `docker-stats` event, sent with every metrics sample (same interval) while `docker` is enabled:
 * every container the engine knows (running or not). `available` false (with `error`) when the
 * engine cannot be reached; then `containers` is empty.
 */
export const dockerStatsPayloadSchema = z.object({
  available: z.boolean(),
  error: textSchema.optional(),
  at: unixMsSchema.optional().describe('collection time; defaults to the frame timestamp'),
  containers: z.array(containerSnapshotSchema).max(MAX_CONTAINERS),
});
export type DockerStatsPayload = z.infer<typeof dockerStatsPayloadSchema>;

/** `docker-event`: one container lifecycle event from the engine's event stream. */
export const dockerEventPayloadSchema = z.object({
  containerId: containerIdSchema,
  containerName: nameSchema.nullable(),
  image: pathSchema.nullable(),
  action: dockerEventActionSchema,
  at: unixMsSchema,
  exitCode: exitCodeSchema.nullable().optional().describe('`die` only'),
  health: dockerHealthSchema.optional().describe('`health_status` only'),
});
export type DockerEventPayload = z.infer<typeof dockerEventPayloadSchema>;

/** `docker-list` data (request payload null): the same snapshots as `docker-stats`, figures may be null. */
export const dockerListResultSchema = dockerStatsPayloadSchema;
export type DockerListResult = DockerStatsPayload;

/** `docker-inspect` request and `docker-action` request target. */
export const dockerContainerRequestSchema = z.object({ containerId: containerRefSchema });
export type DockerContainerRequest = z.infer<typeof dockerContainerRequestSchema>;

/**
 * `docker-inspect` data: an allow-list of the Engine API's inspect result. `Config.Env` and
 * anything else not listed never leave the host (environment variables carry secrets).
 */
export const dockerInspectSchema = z.object({
  id: containerIdSchema,
  name: nameSchema,
  image: pathSchema,
  imageId: nameSchema,
  createdAt: unixMsSchema,
  startedAt: unixMsSchema.nullable(),
  finishedAt: unixMsSchema.nullable(),
  state: dockerStateSchema,
  health: dockerHealthSchema,
  exitCode: exitCodeSchema.nullable(),
  oomKilled: z.boolean(),
  restartCount: countSchema,
  restartPolicy: nameSchema.describe('no, always, unless-stopped, on-failure[:N]'),
  command: z.array(textSchema).max(256).describe('entrypoint and arguments'),
  workingDir: pathSchema.nullable(),
  user: nameSchema.nullable(),
  privileged: z.boolean(),
  readOnlyRootfs: z.boolean(),
  memoryLimitBytes: byteCounterSchema.nullable(),
  nanoCpus: byteCounterSchema.nullable().describe('CPU limit in 10⁻⁹ CPUs; null when unlimited'),
  labels: z.record(nameSchema, textSchema).describe(`at most ${DOCKER_MAX_LABELS}`),
  mounts: z
    .array(
      z.object({
        type: nameSchema,
        source: pathSchema,
        destination: pathSchema,
        readOnly: z.boolean(),
      }),
    )
    .max(DOCKER_MAX_MOUNTS),
  networks: z.array(z.object({ name: nameSchema, ipAddress: nameSchema.nullable() })).max(DOCKER_MAX_MOUNTS),
  ports: z.array(dockerPortSchema).max(DOCKER_MAX_PORTS),
});
export type DockerInspect = z.infer<typeof dockerInspectSchema>;

/**
 * `docker-action` (capability `docker-actions`). The agent refuses every action on its own
 * container. Answered `{status:"ok", data:{message}}` or an error with the engine's message.
 */
export const dockerActionRequestSchema = z.object({
  containerId: containerRefSchema,
  action: dockerActionSchema,
});
export type DockerActionRequest = z.infer<typeof dockerActionRequestSchema>;
export const dockerActionResultSchema = z.object({ message: textSchema.optional() });
export type DockerActionResult = z.infer<typeof dockerActionResultSchema>;
/** Seed 001's `docker_command` knows only these. */
export const dockerActionNameSchema = z.enum(['start', 'stop', 'restart', 'remove']);
export type DockerActionName = z.infer<typeof dockerActionNameSchema>;

/**
 * `docker-logs-start`: send the last `tail` lines, then (with `follow`) new lines as `docker-log`
 * events tagged with `streamId` until `docker-logs-stop`, the container's end, or the hub's link
 * drops (the agent stops every log stream of a connection that closes).
 */
export const dockerLogsStartRequestSchema = z.object({
  streamId: streamIdSchema,
  containerId: containerRefSchema,
  tail: integerSchema().min(0).max(DOCKER_LOG_TAIL_MAX),
  follow: z.boolean(),
});
export type DockerLogsStartRequest = z.infer<typeof dockerLogsStartRequestSchema>;

/** One log line, demultiplexed from the engine's stream; `line` without its newline. */
export const dockerLogEntrySchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  line: textSchema,
  at: unixMsSchema.nullable().describe('the engine timestamp of the line'),
  truncated: z.boolean().optional().describe('the line was longer than DOCKER_LOG_LINE_MAX_BYTES'),
});
export type DockerLogEntry = z.infer<typeof dockerLogEntrySchema>;

/**
 * `docker-log`: a batch of lines of a stream. `droppedBytes`: bytes dropped since the previous
 * batch by the per-second cap. `ended` (with `reason`) is the last batch of the stream.
 */
export const dockerLogPayloadSchema = z.object({
  streamId: streamIdSchema,
  entries: z.array(dockerLogEntrySchema).max(DOCKER_LOG_BATCH_MAX),
  droppedBytes: byteCounterSchema.optional(),
  ended: z.boolean().optional(),
  reason: textSchema.optional(),
});
export type DockerLogPayload = z.infer<typeof dockerLogPayloadSchema>;
