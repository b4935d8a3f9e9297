/** Zod-free Docker limits (re-exported by docker.ts), shared by the agent bundle, the hub and tests. */

/** Published ports listed per container. */
export const DOCKER_MAX_PORTS = 256;
/** Labels kept per container in `docker-inspect` (keys ≤ 256 characters, values ≤ 4096). */
export const DOCKER_MAX_LABELS = 256;
/** Mounts and networks listed per container in `docker-inspect`. */
export const DOCKER_MAX_MOUNTS = 256;
/** One log line as sent to the hub: longer lines are cut there and marked `truncated`. */
export const DOCKER_LOG_LINE_MAX_BYTES = 16 * 1024;
/** Log bytes one stream may send per second; the rest is dropped and counted in `droppedBytes`. */
export const DOCKER_LOG_BYTES_PER_SECOND = 256 * 1024;
/** Lines of history `docker-logs-start` may ask for. */
export const DOCKER_LOG_TAIL_MAX = 10_000;
export const DOCKER_LOG_TAIL_DEFAULT = 200;
/** Lines per `docker-log` batch. */
export const DOCKER_LOG_BATCH_MAX = 1000;

/** Container states as the Engine API reports them. */
export const DOCKER_STATES = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
] as const;
export type DockerState = (typeof DOCKER_STATES)[number];

/** Health as the Engine API reports it; `none` when the image defines no health check. */
export const DOCKER_HEALTH = ['healthy', 'unhealthy', 'starting', 'none'] as const;
export type DockerHealth = (typeof DOCKER_HEALTH)[number];

/** Lifecycle events the agent forwards (Engine API `type=container` actions; others are not sent). */
export const DOCKER_EVENT_ACTIONS = [
  'create',
  'start',
  'restart',
  'stop',
  'kill',
  'die',
  'oom',
  'pause',
  'unpause',
  'health_status',
  'destroy',
] as const;
export type DockerEventAction = (typeof DOCKER_EVENT_ACTIONS)[number];

/** Container actions (capability `docker-actions`); seed 001's `docker_command` knows the first four. */
export const DOCKER_ACTIONS = ['start', 'stop', 'restart', 'remove', 'pause', 'unpause'] as const;
export type DockerAction = (typeof DOCKER_ACTIONS)[number];
export const SIMPLE_DIALECT_DOCKER_ACTIONS: readonly DockerAction[] = ['start', 'stop', 'restart', 'remove'];
