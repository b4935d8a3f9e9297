export {
  activeAlertQuerySchema,
  alertQuerySchema,
  type ActiveAlertQuery,
  type AlertQuery,
} from '@hivewatch/protocol';
