import type { RuleScope } from './dto/alert-rule.dto.js';

export interface ScopedServer {
  id: string;
  name: string;
  groupId: string | null;
  tags: readonly string[];
}

/**
 * Include/exclude by server, group or tag. Matching is by membership at evaluation time, so a
 * server added to a group (or given a tag) later is covered without editing the rule.
 */
export function inScope(scope: RuleScope, server: ScopedServer): boolean {
  if (scope.mode === 'all') return true;
  const matches =
    scope.serverIds.includes(server.id) ||
    (server.groupId !== null && scope.groupIds.includes(server.groupId)) ||
    server.tags.some((t) => scope.tags.includes(t));
  return scope.mode === 'include' ? matches : !matches;
}
