import type { ContainerSnapshot, DockerEventPayload } from '@hivewatch/protocol';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HubEvents } from '../common/events/hub-events.js';

/** The last `docker-stats` of a server, as the agent sent it. */
export interface DockerSnapshot {
  available: boolean;
  error: string | null;
  /** Collection time (ms), the agent's `at` or the frame's receive time. */
  at: number;
  containers: readonly ContainerSnapshot[];
}

export type StoredDockerEvent = DockerEventPayload & { serverId: string };

/** Container counts shown on the overview (ServerState.containers). */
export interface ContainerCounts {
  running: number;
  total: number;
  unhealthy: number;
}

/** How long and how many recent events are kept per server for readers such as the alert evaluator. */
export const RECENT_EVENTS_MS = 60 * 60_000;
export const RECENT_EVENTS_MAX = 500;

interface ServerDocker {
  snapshot: DockerSnapshot;
  counts: ContainerCounts;
}

/**
 * What the hub knows right now about each server's Docker engine: the last snapshot and the last
 * hour of lifecycle events (in memory, capped). Writes emit `docker.stats` / `docker.event` /
 * `docker.availability` after the state is stored, so listeners read it back consistently. No
 * database access here (see DockerIngest for the rows).
 */
@Injectable()
export class DockerLiveState implements OnModuleInit, OnModuleDestroy {
  private readonly servers = new Map<string, ServerDocker>();
  private readonly events = new Map<string, StoredDockerEvent[]>();
  private off: (() => void) | undefined;

  constructor(private readonly hub: HubEvents) {}

  onModuleInit(): void {
    this.off = this.hub.on('server.deleted', ({ serverId }) => this.forget(serverId));
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  snapshot(serverId: string): DockerSnapshot | undefined {
    return this.servers.get(serverId)?.snapshot;
  }

  /** Counts of the last snapshot; undefined before the first `docker-stats`. */
  counts(serverId: string): ContainerCounts | undefined {
    return this.servers.get(serverId)?.counts;
  }

  /** Events of the server at or after `sinceMs`, oldest first (at most the last hour). */
  recentEvents(serverId: string, sinceMs: number): readonly StoredDockerEvent[] {
    const ring = this.events.get(serverId);
    if (!ring) return [];
    let i = ring.length;
    while (i > 0 && ring[i - 1]!.at >= sinceMs) i--;
    return ring.slice(i);
  }

  /** Stores a snapshot; returns the previous one. Emits `docker.availability` on a flip, then `docker.stats`. */
  applyStats(serverId: string, snapshot: DockerSnapshot): DockerSnapshot | undefined {
    const previous = this.servers.get(serverId)?.snapshot;
    this.servers.set(serverId, { snapshot, counts: countContainers(snapshot) });
    if (previous !== undefined && previous.available !== snapshot.available) {
      this.hub.emit('docker.availability', { serverId, available: snapshot.available, at: snapshot.at });
    }
    this.hub.emit('docker.stats', { serverId, at: snapshot.at });
    return previous;
  }

  /** Keeps the event in the recent ring, then emits `docker.event`. */
  applyEvent(serverId: string, event: DockerEventPayload, now: number): void {
    let ring = this.events.get(serverId);
    if (!ring) this.events.set(serverId, (ring = []));
    const stored: StoredDockerEvent = { ...event, serverId };
    // engines deliver in order; a late one is put in place so readers may rely on the order
    let i = ring.length;
    while (i > 0 && ring[i - 1]!.at > stored.at) i--;
    ring.splice(i, 0, stored);
    const cutoff = now - RECENT_EVENTS_MS;
    let drop = Math.max(0, ring.length - RECENT_EVENTS_MAX);
    while (drop < ring.length && ring[drop]!.at < cutoff) drop++;
    if (drop > 0) ring.splice(0, drop);
    this.hub.emit('docker.event', { serverId, event: stored });
  }

  forget(serverId: string): void {
    this.servers.delete(serverId);
    this.events.delete(serverId);
  }
}

export function countContainers(snapshot: DockerSnapshot): ContainerCounts {
  let running = 0;
  let unhealthy = 0;
  for (const c of snapshot.containers) {
    if (c.state === 'running') running++;
    if (c.health === 'unhealthy') unhealthy++;
  }
  return { running, total: snapshot.containers.length, unhealthy };
}
