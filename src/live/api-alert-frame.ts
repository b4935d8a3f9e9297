import type { AlertNotice, ApiAlertFrame } from '@hivewatch/protocol';

/** The seed-001 `alert` frame of an alert state change. */
export function apiAlertFrame(notice: AlertNotice): ApiAlertFrame {
  return {
    type: 'alert',
    data: {
      alert_id: notice.id,
      rule_name: notice.ruleName,
      server_id: notice.serverId,
      state: notice.state,
      severity: notice.severity,
      message: notice.message,
      timestamp: notice.at,
    },
  };
}
