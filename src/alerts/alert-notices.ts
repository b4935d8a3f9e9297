import type { AlertNotice, NotificationMessage } from '@hivewatch/protocol';
import type { ActiveAlert, Reading } from './alert-model.js';

/** What a notification says about an alert state change (template variables). */
export function notificationOf(
  alert: ActiveAlert,
  state: 'firing' | 'resolved',
  reading: Reading | null,
  at: number,
  publicUrl: string | undefined,
  reason?: string,
): NotificationMessage {
  const text = reading?.message ?? alert.message;
  return {
    state,
    server: alert.serverName,
    serverId: alert.serverId,
    rule: alert.ruleName,
    ruleId: alert.ruleId,
    alertId: alert.id,
    severity: alert.severity,
    metric: reading?.metric ?? '',
    value: reading?.value === null || reading?.value === undefined ? '' : String(reading.value),
    threshold:
      reading?.threshold === null || reading?.threshold === undefined ? '' : String(reading.threshold),
    unit: reading?.unit ?? '',
    message: state === 'resolved' && reason && reason !== 'conditions cleared' ? `${text} (${reason})` : text,
    time: new Date(at).toISOString(),
    link: `${publicUrl ?? ''}/servers/${alert.serverId}`,
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A firing alert's acknowledgement and snooze as a notice carries them (a resolved alert has neither). */
function ackOf(alert: ActiveAlert, state: 'triggered' | 'resolved') {
  const firing = state === 'triggered';
  return {
    acknowledgedAt: firing ? iso(alert.acknowledgedAt) : null,
    acknowledgedBy: firing ? alert.acknowledgedBy : null,
    ackComment: firing ? alert.ackComment : null,
    snoozedUntil: firing ? iso(alert.snoozedUntil) : null,
  };
}

export function browserNotice(
  alert: ActiveAlert,
  state: 'triggered' | 'resolved',
  message: string,
  value: number | null,
  at: number,
  update?: AlertNotice['update'],
): AlertNotice {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    serverId: alert.serverId,
    serverName: alert.serverName,
    ...(alert.container ? { container: alert.container } : {}),
    state,
    severity: alert.severity,
    message,
    value,
    at: new Date(at).toISOString(),
    ...ackOf(alert, state),
    ...(update ? { update } : {}),
  };
}
