export {
  trafficHistoryQuerySchema,
  trafficSettingsSchema,
  type TrafficHistory,
  type TrafficHistoryQuery,
  type TrafficSettingsInput,
  type TrafficUsage as TrafficUsageView,
} from '@hivewatch/protocol';
