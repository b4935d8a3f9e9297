export {
  createNotificationGroupSchema,
  updateNotificationGroupSchema,
  type CreateNotificationGroupInput,
  type UpdateNotificationGroupInput,
} from '@hivewatch/protocol';
