export {
  acknowledgeAlertSchema,
  activeAlertQuerySchema,
  snoozeAlertSchema,
  SNOOZE_MAX_MINUTES,
  type AcknowledgeAlertInput,
  type SnoozeAlertInput,
  alertQuerySchema,
  type ActiveAlertQuery,
  type AlertQuery,
} from '@hivewatch/protocol';
