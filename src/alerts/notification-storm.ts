import type { NotificationMessage } from '@hivewatch/protocol';
import type { AlertChange } from './alert-store.js';

/**
 * More notifications than this for one rule, one notification group and one state (firing or
 * resolved) in one evaluation are sent as one summary: 10,000 agents dropping together (a network
 * or hub-side outage) must page once, not send 10,000 e-mails per channel.
 */
export const STORM_THRESHOLD = 10;
/** Servers named in a summary; the rest are counted. */
const NAMED = 10;

/**
 * Replaces each storm of notifications among one tick's changes by a single summary, carried by the
 * storm's first change (its delivery links to that alert); the others send nothing. Every alert
 * still records that it was notified, so each one's resolution is sent (and summarized) in turn.
 */
export function summarizeStorms(changes: readonly AlertChange[], threshold = STORM_THRESHOLD): AlertChange[] {
  const storms = new Map<string, number[]>();
  changes.forEach((c, i) => {
    const n = c.notification;
    if (!n || n.groupId === null) return;
    const key = `${n.groupId}\n${n.message.ruleId}\n${n.message.state}`;
    const at = storms.get(key);
    if (at) at.push(i);
    else storms.set(key, [i]);
  });
  const out = [...changes];
  for (const indexes of storms.values()) {
    if (indexes.length <= threshold) continue;
    const first = changes[indexes[0]!]!.notification!;
    const message = summaryMessage(indexes.map((i) => changes[i]!.notification!.message));
    indexes.forEach((i, k) => {
      out[i] = { transition: changes[i]!.transition, notification: k === 0 ? { ...first, message } : null };
    });
  }
  return out;
}

/** "[FIRING] Server offline on 10000 servers": the first servers named, the console's alert list linked. */
export function summaryMessage(messages: readonly NotificationMessage[]): NotificationMessage {
  const first = messages[0]!;
  const names = messages.slice(0, NAMED).map((m) => m.server);
  const more = messages.length - names.length;
  return {
    ...first,
    server: `${messages.length} servers`,
    serverId: '',
    value: '',
    message: `${first.state} on ${messages.length} servers at once: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    link: first.link.replace(/\/servers\/[^/]*$/, '/alerts'),
  };
}
