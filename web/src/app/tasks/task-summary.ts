import type { CommandRun, CommandTargets, Task } from '@hivewatch/protocol';
import { describeCron } from './cron-presets';

type Lookup = (id: string) => string | undefined;

function listed(names: string[], max = 3): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} +${names.length - max}`;
}

/** "web-01, db-01 · group Web · tags prod" — deleted servers or groups are counted, not named. */
export function describeTargets(t: CommandTargets, serverName: Lookup, groupName: Lookup): string {
  const parts: string[] = [];
  const servers = t.serverIds ?? [];
  if (servers.length) parts.push(listed(servers.map((id) => serverName(id) ?? 'a removed server')));
  const groups = t.groupIds ?? [];
  if (groups.length)
    parts.push(
      `${groups.length === 1 ? 'group' : 'groups'} ${listed(groups.map((id) => groupName(id) ?? 'a deleted group'))}`,
    );
  const tags = t.tags ?? [];
  if (tags.length) parts.push(`${tags.length === 1 ? 'tag' : 'tags'} ${listed(tags)}`);
  return parts.join(' · ') || 'no targets';
}

/** The hint under a task's expression: plain words when the shape is a usual one. */
export function scheduleHint(task: Pick<Task, 'cron'>): string {
  return describeCron(task.cron) ?? 'custom schedule';
}

/** "3 ok · 1 failed" from a run's counts, in the order the states are listed. */
export function describeCounts(counts: CommandRun['counts']): string {
  const order = [
    'ok',
    'failed',
    'timed_out',
    'offline',
    'denied',
    'cancelled',
    'running',
    'sent',
    'queued',
  ] as const;
  const parts = order.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${s.replace('_', ' ')}`);
  return parts.join(' · ') || 'no targets';
}

/** Whether any target of a run did not end ok. */
export function runHasFailures(counts: CommandRun['counts']): boolean {
  return ['failed', 'timed_out', 'offline', 'denied'].some(
    (s) => (counts[s as keyof typeof counts] ?? 0) > 0,
  );
}
