import type { ContainerSnapshot } from '@hivewatch/protocol';

/** A container as named in an audit entry: the engine id when the hub knows it, and its name. */
export interface ContainerLabel {
  containerId: string;
  containerName: string | null;
}

/**
 * The container `ref` (a full id, an id prefix of at least 12 digits, or a name) names among the
 * server's last listed containers, for the audit log. Unknown (no `docker` data, or a seed-001
 * agent): the ref as given and no name.
 */
export function labelContainer(
  containers: readonly Pick<ContainerSnapshot, 'id' | 'name'>[] | undefined,
  ref: string,
): ContainerLabel {
  const found =
    containers?.find((c) => c.id === ref) ??
    containers?.find((c) => c.name === ref) ??
    (/^[a-f0-9]{12,63}$/.test(ref) ? containers?.find((c) => c.id.startsWith(ref)) : undefined);
  return found
    ? { containerId: found.id, containerName: found.name }
    : { containerId: ref, containerName: null };
}
