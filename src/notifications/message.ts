import type { NotificationMessage } from '@hivewatch/protocol';
/**
 * What a notification says, stored with its queued delivery and rendered per channel at send time.
 * Every field is a template variable (docs/alerts.md).
 */
export { TEMPLATE_VARIABLES, type NotificationMessage } from '@hivewatch/protocol';

export function summaryOf(m: NotificationMessage): string {
  return m.state === 'test' ? `test: ${m.rule}` : `${m.state}: ${m.rule} on ${m.server}`;
}
