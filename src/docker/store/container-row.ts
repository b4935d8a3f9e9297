import { noContainerFigures, type ContainerSnapshot, type DockerPort } from '@hivewatch/protocol';
import type { DockerContainer } from '../entities/docker-container.entity.js';
import type { ContainerEntry } from '../ingest/container-registry.js';

/** The stored row of a tracked container (key and firstSeenAt are never overwritten by an upsert). */
export function toContainerRow(e: ContainerEntry): Omit<DockerContainer, 'key'> {
  const c = e.last;
  return {
    serverId: e.serverId,
    containerId: e.containerId,
    name: c.name,
    image: c.image,
    state: c.state,
    health: c.health,
    restartCount: c.restartCount,
    exitCode: c.exitCode,
    ports: JSON.stringify(c.ports),
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    firstSeenAt: e.firstSeenAt,
    lastSeenAt: e.lastSeenAt,
    removedAt: e.removedAt,
  };
}

/** A stored row as a snapshot without figures (a container not in the live state). */
export function snapshotOfRow(r: DockerContainer): ContainerSnapshot {
  return {
    id: r.containerId,
    name: r.name,
    image: r.image,
    state: r.state as ContainerSnapshot['state'],
    health: r.health as ContainerSnapshot['health'],
    restartCount: r.restartCount,
    exitCode: r.exitCode,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    ports: parsePorts(r.ports),
    ...noContainerFigures(),
  };
}

function parsePorts(text: string): DockerPort[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as DockerPort[]) : [];
  } catch {
    return [];
  }
}
