import type {
  DockerActionRequest,
  DockerActionResult,
  DockerContainerRequest,
  DockerLogsStartRequest,
  HostRequestError,
  StreamStopRequest,
} from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import { CONTAINER_ID } from './container-snapshot.js';
import type { DockerCollector } from './docker-collector.js';
import type { DockerEngine } from './docker-engine.js';
import { DockerRequestError, type DockerLogStreams } from './docker-log-streams.js';
import { containerName, engineMessage, obj, str } from './engine-values.js';
import { toDockerInspect } from './inspect-map.js';
import { isOwnContainer, type OwnContainer } from './own-container.js';

export const DOCKER_REQUEST_ACTIONS = [
  'docker-list',
  'docker-inspect',
  'docker-action',
  'docker-logs-start',
  'docker-logs-stop',
] as const;
export type DockerRequestAction = (typeof DOCKER_REQUEST_ACTIONS)[number];

export type DockerResponse = { status: 'ok'; data?: unknown } | HostRequestError;

/** The router's Docker requests; payloads arrive checked (request-checks.ts). */
export type DockerRequestHandler = (action: DockerRequestAction, payload: unknown) => Promise<DockerResponse>;

export interface DockerRequestsOptions {
  engine: DockerEngine;
  collector: DockerCollector;
  logs: DockerLogStreams;
  own: OwnContainer;
  logger: Logger;
}

const PAST: Record<DockerActionRequest['action'], string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  remove: 'removed',
  pause: 'paused',
  unpause: 'unpaused',
};

/** Engine refusals ("No such container: x") come back as `{status:'error', message}` in the engine's words. */
export function createDockerRequestHandler(options: DockerRequestsOptions): DockerRequestHandler {
  const { engine, collector, logs, own, logger } = options;
  const run = async (action: DockerRequestAction, payload: unknown): Promise<unknown> => {
    switch (action) {
      case 'docker-list':
        return collector.collect(false);
      case 'docker-inspect':
        return toDockerInspect(await engine.inspect((payload as DockerContainerRequest).containerId));
      case 'docker-action':
        return containerAction(payload as DockerActionRequest);
      case 'docker-logs-start':
        await logs.start(payload as DockerLogsStartRequest);
        return undefined;
      case 'docker-logs-stop':
        logs.stop((payload as StreamStopRequest).streamId);
        return undefined;
    }
  };
  const containerAction = async (request: DockerActionRequest): Promise<DockerActionResult> => {
    const info = obj(await engine.inspect(request.containerId));
    const id = str(info['Id']) ?? '';
    if (!CONTAINER_ID.test(id)) throw new DockerRequestError(`No such container: ${request.containerId}`);
    const name = containerName(info['Name']) || id.slice(0, 12);
    if (isOwnContainer(id, own)) {
      logger.warn("refused a Docker action on the agent's own container", {
        action: request.action,
        container: name,
      });
      throw new DockerRequestError(
        `refused: '${name}' is the container this agent runs in (${request.action} would cut the host off)`,
      );
    }
    logger.info("Docker action at the hub's request", { action: request.action, container: name });
    await engine.action(id, request.action);
    collector.forget(id);
    return { message: `container ${name} ${PAST[request.action]}` };
  };
  return async (action, payload) => {
    try {
      const data = await run(action, payload);
      return data === undefined ? { status: 'ok' } : { status: 'ok', data };
    } catch (error) {
      return {
        status: 'error',
        message: error instanceof DockerRequestError ? error.message : engineMessage(error),
      };
    }
  };
}
