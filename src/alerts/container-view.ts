import type { ContainerSnapshot, DockerEventAction } from '@hivewatch/protocol';

/** What the container conditions read of one server at one evaluation. */
export interface ContainerView {
  /** Collection time of the snapshot. */
  at: number;
  byName: ReadonlyMap<string, ContainerSnapshot>;
  /** Lifecycle events of the last hour per container name, oldest first. */
  events: ReadonlyMap<string, readonly ContainerEventLite[]>;
}

export interface ContainerEventLite {
  containerId: string;
  containerName: string | null;
  action: DockerEventAction;
  at: number;
}

/** The Docker state the evaluator reads (src/docker DockerLiveState), in memory. */
export interface ContainerInputs {
  /** The last snapshot; undefined before the first one. */
  snapshot(
    serverId: string,
  ): { available: boolean; at: number; containers: readonly ContainerSnapshot[] } | undefined;
  /** Events at or after `sinceMs`, oldest first. */
  events(serverId: string, sinceMs: number): readonly ContainerEventLite[];
}

/** How far back events are read: restarts and OOM kills are counted over at most this. */
export const EVENTS_HORIZON_MS = 60 * 60_000;

/**
 * The server's containers and their recent events, or undefined when the hub cannot judge them
 * now: no snapshot yet, the engine unreachable, or the snapshot older than `gapMs` (the agent is
 * silent): then container conditions are not judged, like metric conditions without fresh samples.
 */
export function containerView(
  inputs: ContainerInputs,
  serverId: string,
  now: number,
  gapMs: number,
): ContainerView | undefined {
  const snap = inputs.snapshot(serverId);
  if (!snap || !snap.available || now - snap.at > gapMs) return undefined;
  const byName = new Map<string, ContainerSnapshot>();
  const nameOfId = new Map<string, string>();
  for (const c of snap.containers) {
    byName.set(c.name, c);
    nameOfId.set(c.id, c.name);
  }
  const events = new Map<string, ContainerEventLite[]>();
  for (const e of inputs.events(serverId, now - EVENTS_HORIZON_MS)) {
    const name = e.containerName ?? nameOfId.get(e.containerId);
    if (name === undefined) continue;
    let list = events.get(name);
    if (!list) events.set(name, (list = []));
    list.push(e);
  }
  return { at: snap.at, byName, events };
}
