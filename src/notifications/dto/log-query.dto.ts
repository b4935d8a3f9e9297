export {
  attemptQuerySchema,
  deliveryQuerySchema,
  type AttemptQuery,
  type DeliveryQuery,
} from '@hivewatch/protocol';
