import type { ComponentState, OverallState, PublicIncident } from '@hivewatch/protocol';

/** What the state of a server component is made of. */
export interface ServerFacts {
  exists: boolean;
  online: boolean;
  everSeen: boolean;
  underMaintenance: boolean;
  criticalFiring: boolean;
}

/**
 * A server component's state: `maintenance` while a window covers it, `down` while its agent is
 * offline, `degraded` while a critical alert fires on it, else `operational`; `unknown` for a
 * deleted server or one whose agent never connected.
 */
export function serverState(f: ServerFacts): ComponentState {
  if (!f.exists) return 'unknown';
  if (f.underMaintenance) return 'maintenance';
  if (!f.online) return f.everSeen ? 'down' : 'unknown';
  return f.criticalFiring ? 'degraded' : 'operational';
}

/**
 * The page's headline: the worse of what its components show and what open incidents declare.
 * More than half of the components down is a major outage, fewer a partial one.
 */
export function overallState(
  states: readonly ComponentState[],
  incidents: readonly PublicIncident[],
): OverallState {
  const down = states.filter((s) => s === 'down').length;
  let rank = 0;
  if (states.includes('maintenance')) rank = 1;
  if (states.includes('degraded')) rank = 2;
  if (down > 0) rank = down * 2 > states.length ? 4 : 3;
  for (const i of incidents) {
    if (i.status === 'resolved') continue;
    if (i.impact === 'critical') rank = Math.max(rank, 4);
    else if (i.impact === 'major') rank = Math.max(rank, 3);
    else if (i.impact === 'minor') rank = Math.max(rank, 2);
  }
  return (['operational', 'maintenance', 'degraded', 'partial_outage', 'major_outage'] as const)[rank]!;
}
