import type {
  AgentCapability,
  DockerEventPayload,
  DockerLogPayload,
  DockerStatsPayload,
} from '@hivewatch/protocol';
import { dockerEndpointFor, type DockerConfig } from '../config/docker-config.js';
import type { Logger } from '../log/logger.js';
import { DockerCollector } from './docker-collector.js';
import { createDockerEngine, type DockerEngine } from './docker-engine.js';
import { DockerEvents } from './docker-events.js';
import { DockerLogStreams } from './docker-log-streams.js';
import { createDockerRequestHandler, type DockerRequestHandler } from './docker-requests.js';
import { detectOwnContainer, type OwnContainer } from './own-container.js';

export type DockerFrameAction = 'docker-stats' | 'docker-event' | 'docker-log';
type DockerPayload = DockerStatsPayload | DockerEventPayload | DockerLogPayload;

export interface DockerModuleOptions {
  config: DockerConfig;
  /** The agent's set (shared with the router): checked at every collection, event and request. */
  capabilities: ReadonlySet<AgentCapability>;
  logger: Logger;
  /** Sends one event frame if the hub's link is up and authenticated; false (dropped) otherwise. */
  send(action: DockerFrameAction, payload: DockerPayload): boolean;
  env?: NodeJS.ProcessEnv;
  /** Test seams. */
  engine?: DockerEngine;
  own?: OwnContainer;
}

/**
 * The Docker module (capabilities `docker` and `docker-actions`, docs/docker.md): stats after each
 * metrics sample, the engine's lifecycle events as they come, container requests and log streams.
 * Nothing is queued while the hub is away: stats and events of that time are dropped, log streams end.
 */
export class DockerModule {
  readonly engine: DockerEngine;
  readonly collector: DockerCollector;
  readonly handle: DockerRequestHandler;
  private readonly events: DockerEvents;
  private readonly logs: DockerLogStreams;
  private collecting = false;

  constructor(private readonly options: DockerModuleOptions) {
    const { config, logger } = options;
    this.engine = options.engine ?? engineFor(config, options.env ?? process.env);
    this.collector = new DockerCollector({
      engine: this.engine,
      logger,
      concurrency: config.statsConcurrency,
    });
    this.events = new DockerEvents({
      engine: this.engine,
      logger,
      onEvent: (event) => {
        this.collector.forget(event.containerId);
        if (this.reading) options.send('docker-event', event);
      },
    });
    this.logs = new DockerLogStreams({
      engine: this.engine,
      logger,
      maxStreams: config.maxLogStreams,
      send: (payload) => options.send('docker-log', payload),
    });
    this.handle = createDockerRequestHandler({
      engine: this.engine,
      collector: this.collector,
      logs: this.logs,
      own: options.own ?? detectOwnContainer(),
      logger,
    });
  }

  private get reading(): boolean {
    return this.options.capabilities.has('docker');
  }

  get logStreams(): number {
    return this.logs.size;
  }

  start(): void {
    if (this.reading) this.events.start();
    this.options.logger.info('Docker module on', {
      engine: this.engine.address,
      capabilities: ['docker', 'docker-actions']
        .filter((c) => this.options.capabilities.has(c as AgentCapability))
        .join(','),
    });
  }

  /** After each metrics sample: one collection (skipped while the previous one still runs), one `docker-stats`. */
  sample(): void {
    if (!this.reading || this.collecting) return;
    this.collecting = true;
    void this.collector
      .collect()
      .then((payload) => {
        if (this.reading) this.options.send('docker-stats', payload);
      })
      .finally(() => {
        this.collecting = false;
      });
  }

  /** The hub's link closed: log streams end (the hub starts them again when it needs them). */
  hubDisconnected(): void {
    this.logs.stopAll('the hub connection closed', true);
  }

  /** SIGHUP removed `docker`: no more stats, events or log streams. */
  readingRemoved(): void {
    this.events.stop();
    this.logs.stopAll('capability-removed', false);
  }

  stop(): void {
    this.events.stop();
    this.logs.stopAll('agent-shutdown', false);
  }
}

/** A socket setting that does not parse (a bad DOCKER_HOST) makes every call fail with its problem. */
function engineFor(config: DockerConfig, env: NodeJS.ProcessEnv): DockerEngine {
  const endpoint = dockerEndpointFor(config, env);
  if (typeof endpoint !== 'string') return createDockerEngine(endpoint, config.timeoutMs);
  const fail = () => Promise.reject(new Error(`DOCKER_HOST ${endpoint}`));
  return {
    address: env['DOCKER_HOST'] ?? '',
    ping: fail,
    listContainers: fail,
    inspect: fail,
    statsOnce: fail,
    action: fail,
    events: fail,
    logs: fail,
  };
}
