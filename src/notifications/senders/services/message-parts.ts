import type { NotificationMessage } from '../../message.js';
import type { ResolvedChannel } from '../channel-sender.js';

/** Cuts a text to a service's length limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The console link when it is absolute (without `HIVEWATCH_PUBLIC_URL` it is a bare path, useless outside). */
export function absoluteLink(m: NotificationMessage): string | null {
  return /^https?:\/\//.test(m.link) ? m.link : null;
}

/** A service base URL without its trailing slashes, so paths can be appended. */
export function baseOf(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The key a paging service correlates an alert's events by (PagerDuty `dedup_key`, Opsgenie
 * `alias`): the alert episode's id, the same for its firing and resolved messages. A test message
 * has no alert; it uses the channel's id, so repeated tests land on one incident.
 */
export function incidentKey(channel: ResolvedChannel, m: NotificationMessage): string {
  return m.alertId ? `hivewatch-${m.alertId}` : `hivewatch-test-${channel.id}`;
}

/** The facts of a message as label → value, for services that show fields (empty values left out). */
export function factsOf(m: NotificationMessage): Record<string, string> {
  const unit = m.unit ? ` ${m.unit}` : '';
  const facts: Record<string, string> = {
    Server: m.server,
    Rule: `${m.rule} (${m.severity})`,
    Metric: m.metric,
    Value: m.value ? `${m.value}${unit}` : '',
    Threshold: m.threshold ? `${m.threshold}${unit}` : '',
    Time: m.time,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== ''));
}

export type Urgency = 'info' | 'warning' | 'critical';

/** How loudly a message should arrive: a firing alert by its severity, anything else like `info`. */
export function urgencyOf(m: NotificationMessage): Urgency {
  if (m.state !== 'firing') return 'info';
  return m.severity === 'critical' || m.severity === 'warning' ? m.severity : 'info';
}
