import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * Which container the agent itself runs in, if any, so that `docker-action` never stops, restarts,
 * pauses or removes it (the hub would lose the host and the console its only way back). Read from
 *  - /proc/self/cgroup: `/docker/<id>`, `docker-<id>.scope`, `libpod-<id>.scope`, `cri-containerd-<id>`…
 *  - /proc/self/mountinfo: /etc/hostname, /etc/hosts or /etc/resolv.conf bind-mounted from
 *    `…/containers/<id>/…` (Docker and Podman; works with a private cgroup namespace too)
 *  - the hostname, when it is 12 hex digits (Docker's default: the id's prefix).
 */
export interface OwnContainer {
  /** Full 64-digit ids found in cgroup and mount paths. */
  ids: string[];
  /** 12-hex-digit hostname, a possible id prefix. */
  hostnamePrefix: string | null;
}

const ID = /(?:^|[^a-f0-9])([a-f0-9]{64})(?![a-f0-9])/g;
const CONTAINER_FILES = new Set(['/etc/hostname', '/etc/hosts', '/etc/resolv.conf']);

export function ownContainerFrom(cgroup: string, mountinfo: string, host: string): OwnContainer {
  const ids = new Set<string>();
  for (const line of cgroup.split('\n')) {
    const cgroupPath = line.split(':').slice(2).join(':');
    for (const match of cgroupPath.matchAll(ID)) ids.add(match[1] as string);
  }
  for (const line of mountinfo.split('\n')) {
    const fields = line.split(' ');
    const root = fields[3] ?? '';
    if (!CONTAINER_FILES.has(fields[4] ?? '')) continue;
    const match = /\/containers\/([a-f0-9]{64})\//.exec(root);
    if (match) ids.add(match[1] as string);
  }
  const name = host.trim();
  return { ids: [...ids], hostnamePrefix: /^[a-f0-9]{12}$/.test(name) ? name : null };
}

export function detectOwnContainer(procRoot = '/proc'): OwnContainer {
  const read = (file: string): string => {
    try {
      return readFileSync(path.join(procRoot, file), 'utf8');
    } catch {
      return '';
    }
  };
  return ownContainerFrom(read('self/cgroup'), read('self/mountinfo'), process.env['HOSTNAME'] ?? hostname());
}

/** True when `fullId` (the engine's resolved id of the target) is the agent's own container. */
export function isOwnContainer(fullId: string, own: OwnContainer): boolean {
  if (own.ids.includes(fullId)) return true;
  return own.hostnamePrefix !== null && fullId.startsWith(own.hostnamePrefix);
}
