import { z } from 'zod';
import { limitParam, timeParam } from '../../common/http/query-schemas.js';

export const alertQuerySchema = z.object({
  ruleId: z.uuid().optional(),
  serverId: z.uuid().optional(),
  state: z.enum(['pending', 'firing', 'resolved']).optional(),
  from: timeParam.optional().describe('alerts that started at or after this time'),
  to: timeParam.optional().describe('alerts that started at or before this time'),
  cursor: z.string().max(64).optional().describe('the `nextCursor` of the previous page'),
  limit: limitParam(),
});
export type AlertQuery = z.infer<typeof alertQuerySchema>;

export const activeAlertQuerySchema = z.object({ serverId: z.uuid().optional() });
export type ActiveAlertQuery = z.infer<typeof activeAlertQuerySchema>;
