export {
  HOURLY_RETENTION_MAX_DAYS,
  MINUTE_RETENTION_MAX_DAYS,
  retentionSchema,
  retentionUpdateSchema,
  type Retention,
  type RetentionUpdate,
  type RetentionView,
} from '@hivewatch/protocol';
