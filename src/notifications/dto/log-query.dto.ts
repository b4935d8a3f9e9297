import { z } from 'zod';
import { limitParam, timeParam } from '../../common/http/query-schemas.js';

export const attemptQuerySchema = z.object({
  channelId: z.uuid().optional(),
  deliveryId: z.coerce.number().int().positive().optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: limitParam(),
});
export type AttemptQuery = z.infer<typeof attemptQuerySchema>;

export const deliveryQuerySchema = z.object({
  channelId: z.uuid().optional(),
  alertId: z.uuid().optional(),
  status: z.enum(['queued', 'delivered', 'failed']).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: limitParam(),
});
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;
