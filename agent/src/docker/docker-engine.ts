import type { DockerAction } from '@hivewatch/protocol';
import Docker from 'dockerode';
import type { DockerEndpoint } from '../config/docker-config.js';
import { obj } from './engine-values.js';

/** Engine events the module follows (type=container; `health_status` also matches "health_status: healthy"). */
export interface EventsQuery {
  actions: readonly string[];
  /** Unix seconds: replay from here after a reconnect. */
  since?: number;
}

/**
 * The Engine API calls the Docker module makes, and nothing else (no exec, no create, no build).
 * Results are the engine's raw JSON (`unknown`): the mappers read them defensively.
 */
export interface DockerEngine {
  /** Where it talks to, for logs: the socket path or host:port. */
  readonly address: string;
  ping(): Promise<void>;
  listContainers(): Promise<unknown[]>;
  inspect(ref: string): Promise<unknown>;
  /** One reading at once (`stream=false&one-shot=true`): no second sample, no 1-2 s wait. */
  statsOnce(id: string): Promise<unknown>;
  action(ref: string, action: DockerAction): Promise<void>;
  /** The engine's event stream (newline-delimited JSON); destroy it to stop. */
  events(query: EventsQuery): Promise<NodeJS.ReadableStream>;
  /** Logs with `timestamps`: a stream with `follow`, the whole answer otherwise. */
  logs(id: string, tail: number, follow: boolean): Promise<NodeJS.ReadableStream | Buffer>;
}

/** Actions wait for the engine's own stop timeout (10 s by default) and then some. */
const ACTION_TIMEOUT_MS = 70_000;

/** dockerode on a unix socket or plain TCP (never ssh: ssh2 is not in the agent bundle, docs/docker.md). */
export function createDockerEngine(endpoint: DockerEndpoint, timeoutMs: number): DockerEngine {
  const options =
    'socketPath' in endpoint
      ? { socketPath: endpoint.socketPath }
      : { host: endpoint.host, port: endpoint.port, protocol: 'http' as const };
  // docker-modem's timeout is an idle timeout on every request, streams included: three clients.
  const quick = new Docker({ ...options, timeout: timeoutMs });
  const slow = new Docker({ ...options, timeout: ACTION_TIMEOUT_MS });
  const streaming = new Docker(options);
  return {
    address: 'socketPath' in endpoint ? endpoint.socketPath : `${endpoint.host}:${endpoint.port}`,
    async ping() {
      await quick.ping();
    },
    listContainers: () => quick.listContainers({ all: true }),
    inspect: (ref) => quick.getContainer(ref).inspect(),
    statsOnce: (id) => quick.getContainer(id).stats({ stream: false, 'one-shot': true }),
    async action(ref, action) {
      const container = slow.getContainer(ref);
      if (action === 'start') await container.start();
      else if (action === 'stop') await container.stop();
      else if (action === 'restart') await container.restart();
      else if (action === 'remove') await container.remove({ force: false });
      else if (action === 'pause') await container.pause();
      else await container.unpause();
    },
    events: (query) =>
      streaming.getEvents({
        ...(query.since !== undefined ? { since: query.since } : {}),
        filters: { type: ['container'], event: [...query.actions] },
      }),
    logs(id, tail, follow) {
      const container = streaming.getContainer(id);
      const common = { stdout: true, stderr: true, timestamps: true, tail };
      return follow
        ? container.logs({ ...common, follow: true })
        : container.logs({ ...common, follow: false });
    },
  };
}

/** True for an error that means "the engine is not there" rather than "the engine said no". */
export function isUnreachable(error: unknown): boolean {
  const code = obj(error)['code'];
  return (
    typeof code === 'string' &&
    ['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EACCES', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)
  );
}
