/**
 * What a notification says, stored with its queued delivery and rendered per channel at send time.
 * Every field is a template variable (docs/alerts.md).
 */
export interface NotificationMessage {
  /** firing | resolved | test */
  state: 'firing' | 'resolved' | 'test';
  server: string;
  serverId: string;
  rule: string;
  ruleId: string;
  alertId: string;
  severity: string;
  metric: string;
  value: string;
  threshold: string;
  unit: string;
  message: string;
  /** ISO-8601 UTC. */
  time: string;
  /** Console page of the server. */
  link: string;
}

export const TEMPLATE_VARIABLES: readonly (keyof NotificationMessage)[] = [
  'state',
  'server',
  'serverId',
  'rule',
  'ruleId',
  'alertId',
  'severity',
  'metric',
  'value',
  'threshold',
  'unit',
  'message',
  'time',
  'link',
];

export function summaryOf(m: NotificationMessage): string {
  return m.state === 'test' ? `test: ${m.rule}` : `${m.state}: ${m.rule} on ${m.server}`;
}
