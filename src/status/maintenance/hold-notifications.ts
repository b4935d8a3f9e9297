import type { Transition } from '../../alerts/alert-model.js';

/**
 * Keeps alerts of servers under maintenance from notifying (src/alerts calls it on each tick's
 * transitions, before they are stored): a fire is stored as not notified — so it is notified once
 * the window ends if it still fires — re-notifications are dropped, and a resolution sends nothing.
 * The alerts themselves are kept and shown as usual. Mutates `transitions` in place.
 */
export function holdForMaintenance(
  transitions: Transition[],
  windows: { isUnderMaintenance(serverId: string, at: number): boolean } | undefined,
): void {
  if (!windows) return;
  for (let i = transitions.length - 1; i >= 0; i--) {
    const t = transitions[i]!;
    if (t.type === 'pending' || t.type === 'cancel') continue;
    if (!windows.isUnderMaintenance(t.alert.serverId, t.at)) continue;
    if (t.type === 'renotify') transitions.splice(i, 1);
    else t.notify = false;
  }
}
