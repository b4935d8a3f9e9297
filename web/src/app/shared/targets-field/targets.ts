import type { ServerState } from '@hivewatch/protocol';
import { parseTags } from '../tags';

/** The servers a form targets, as its draft holds them: servers named, groups, tags typed as one text. */
export interface TargetsDraft {
  serverIds: string[];
  groupIds: string[];
  /** Comma- or space-separated. */
  tags: string;
}

export interface TargetEstimate {
  servers: number;
  offline: number;
  withoutExec: number;
}

/**
 * The servers a draft's selection covers as the console knows the fleet (the hub resolves the
 * selection itself when it uses it): the union of the servers named, their groups and tags.
 */
export function estimateTargets(draft: TargetsDraft, fleet: Iterable<ServerState>): TargetEstimate {
  const ids = new Set(draft.serverIds);
  const groups = new Set(draft.groupIds);
  const tags = new Set(parseTags(draft.tags).map((t) => t.toLowerCase()));
  const covered = [...fleet].filter(
    (s) =>
      ids.has(s.id) ||
      (s.groupId !== null && groups.has(s.groupId)) ||
      s.tags.some((t) => tags.has(t.toLowerCase())),
  );
  return {
    servers: covered.length,
    offline: covered.filter((s) => !s.online).length,
    withoutExec: covered.filter((s) => !s.capabilities.includes('exec')).length,
  };
}
