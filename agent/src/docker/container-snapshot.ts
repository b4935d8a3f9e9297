import {
  DOCKER_HEALTH,
  DOCKER_MAX_PORTS,
  DOCKER_STATES,
  type ContainerFigures,
  type ContainerSnapshot,
  type DockerHealth,
  type DockerPort,
  type DockerState,
} from '@hivewatch/protocol';
import {
  arr,
  containerName,
  count,
  cutName,
  cutPath,
  engineTimeMs,
  num,
  obj,
  str,
  type JsonObject,
} from './engine-values.js';

/** What the list call lacks, read from `inspect` and cached per container until an event touches it. */
export interface InspectFacts {
  restartCount: number;
  health: DockerHealth;
  exitCode: number | null;
  startedAt: number | null;
}

export const CONTAINER_ID = /^[a-f0-9]{64}$/;

/** Engine (and Podman) states onto the wire's; an unknown one reads as `exited` rather than failing the list. */
export function dockerState(value: unknown): DockerState {
  const state = (str(value) ?? '').toLowerCase();
  if ((DOCKER_STATES as readonly string[]).includes(state)) return state as DockerState;
  if (state === 'configured' || state === 'initialized') return 'created';
  if (state === 'stopping') return 'running';
  return 'exited';
}

export function dockerHealth(value: unknown): DockerHealth {
  const health = str(value) ?? 'none';
  return (DOCKER_HEALTH as readonly string[]).includes(health) ? (health as DockerHealth) : 'none';
}

export function inspectFacts(raw: unknown): InspectFacts {
  const info = obj(raw);
  const state = obj(info['State']);
  const finishedAt = engineTimeMs(state['FinishedAt']);
  const exitCode = num(state['ExitCode']);
  return {
    restartCount: count(info['RestartCount']) ?? 0,
    health: dockerHealth(obj(state['Health'])['Status']),
    exitCode: finishedAt === null || exitCode === undefined ? null : Math.trunc(exitCode),
    startedAt: engineTimeMs(state['StartedAt']),
  };
}

/** `Ports` of the list call (`{IP, PrivatePort, PublicPort, Type}`), at most DOCKER_MAX_PORTS. */
export function listPorts(value: unknown): DockerPort[] {
  const ports: DockerPort[] = [];
  for (const raw of arr(value)) {
    if (ports.length >= DOCKER_MAX_PORTS) break;
    const port = obj(raw);
    const privatePort = num(port['PrivatePort']);
    if (
      privatePort === undefined ||
      !Number.isInteger(privatePort) ||
      privatePort < 0 ||
      privatePort > 65_535
    )
      continue;
    const publicPort = num(port['PublicPort']);
    const protocol = str(port['Type']);
    const ip = str(port['IP']);
    ports.push({
      privatePort,
      publicPort:
        publicPort !== undefined && Number.isInteger(publicPort) && publicPort >= 0 && publicPort <= 65_535
          ? publicPort
          : null,
      protocol: protocol === 'udp' || protocol === 'sctp' ? protocol : 'tcp',
      ip: ip === undefined || ip === '' ? null : cutName(ip),
    });
  }
  return ports;
}

/** The list entry's full id, or undefined when the engine sent something else. */
export function listId(entry: JsonObject): string | undefined {
  const id = str(entry['Id']);
  return id !== undefined && CONTAINER_ID.test(id) ? id : undefined;
}

/** One container of a `docker-stats` / `docker-list` payload. */
export function containerSnapshot(
  entry: JsonObject,
  id: string,
  facts: InspectFacts | undefined,
  figures: ContainerFigures,
): ContainerSnapshot {
  const created = num(entry['Created']);
  const names = arr(entry['Names']);
  const state = dockerState(entry['State']);
  return {
    id,
    name: containerName(names[0] ?? id.slice(0, 12)),
    image: cutPath(str(entry['Image']) ?? ''),
    state,
    health: facts?.health ?? 'none',
    restartCount: facts?.restartCount ?? 0,
    exitCode: facts?.exitCode ?? null,
    createdAt: created !== undefined && created > 0 ? created * 1000 : 0,
    startedAt: facts?.startedAt ?? null,
    ports: listPorts(entry['Ports']),
    ...figures,
  };
}
