import type { ContainerSnapshot, ContainerView, DockerState, DockerUpdateFrame } from '@hivewatch/protocol';

/** What the Docker tab's filter bar holds. */
export interface ContainerFilter {
  /** Matches the name, the image or the id's start (case-insensitive). */
  text: string;
  /** A state, or '' for all. */
  state: DockerState | '';
  showRemoved: boolean;
}

export const DEFAULT_FILTER: ContainerFilter = { text: '', state: '', showRemoved: false };

/** The most rows the tab draws at once (the protocol caps a host's list; this caps the DOM). */
export const MAX_ROWS = 500;

/**
 * The hub's list updated by a live `docker_update`: listed containers take the live figures, new
 * ones are added, and ones no longer listed count as removed from the frame's time on.
 */
export function mergeLive(
  views: readonly ContainerView[],
  frame: DockerUpdateFrame,
  server: { id: string; name: string },
): ContainerView[] {
  const at = frame.at;
  const live = new Map<string, ContainerSnapshot>(frame.containers.map((c) => [c.id, c]));
  const out: ContainerView[] = [];
  const known = new Set<string>();
  for (const v of views) {
    known.add(v.id);
    const snap = live.get(v.id);
    if (snap) out.push({ ...v, ...snap, lastSeenAt: at, removedAt: null });
    else out.push(v.removedAt ? v : { ...v, removedAt: at });
  }
  for (const snap of frame.containers) {
    if (known.has(snap.id)) continue;
    out.push({
      ...snap,
      serverId: server.id,
      serverName: server.name,
      firstSeenAt: at,
      lastSeenAt: at,
      removedAt: null,
    });
  }
  return out;
}

const STATE_ORDER: Readonly<Record<DockerState, number>> = {
  restarting: 0,
  running: 1,
  paused: 2,
  removing: 3,
  dead: 4,
  exited: 5,
  created: 6,
};

/** Present before removed, then running-ish before stopped, then by name. */
export function compareContainers(a: ContainerView, b: ContainerView): number {
  const removed = Number(a.removedAt !== null) - Number(b.removedAt !== null);
  if (removed !== 0) return removed;
  const state = STATE_ORDER[a.state] - STATE_ORDER[b.state];
  return state !== 0 ? state : a.name.localeCompare(b.name);
}

export function matches(c: ContainerView, f: ContainerFilter): boolean {
  if (!f.showRemoved && c.removedAt !== null) return false;
  if (f.state && c.state !== f.state) return false;
  const text = f.text.trim().toLowerCase();
  if (!text) return true;
  return c.name.toLowerCase().includes(text) || c.image.toLowerCase().includes(text) || c.id.startsWith(text);
}

export function filterContainers(list: readonly ContainerView[], f: ContainerFilter): ContainerView[] {
  return list.filter((c) => matches(c, f)).sort(compareContainers);
}

/** Running / total of the present containers and how many are unhealthy, for the tab's header. */
export function summarize(list: readonly ContainerView[]): {
  running: number;
  total: number;
  unhealthy: number;
  removed: number;
} {
  let running = 0;
  let total = 0;
  let unhealthy = 0;
  let removed = 0;
  for (const c of list) {
    if (c.removedAt !== null) {
      removed++;
      continue;
    }
    total++;
    if (c.state === 'running') running++;
    if (c.health === 'unhealthy') unhealthy++;
  }
  return { running, total, unhealthy, removed };
}
