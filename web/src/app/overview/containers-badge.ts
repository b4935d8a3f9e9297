import type { ServerState } from '@hivewatch/protocol';

/** "running/total" and the unhealthy count of a server's containers, or null without Docker. */
export function containersBadge(
  c: ServerState['containers'] | undefined,
): { text: string; title: string; unhealthy: number } | null {
  if (!c) return null;
  const unhealthy = c.unhealthy > 0 ? `, ${c.unhealthy} unhealthy` : '';
  return {
    text: `${c.running}/${c.total}`,
    title: `Containers: ${c.running} running of ${c.total}${unhealthy}`,
    unhealthy: c.unhealthy,
  };
}
