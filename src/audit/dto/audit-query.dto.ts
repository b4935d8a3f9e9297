import { z } from 'zod';
import { limitParam, timeParam } from '../../common/http/query-schemas.js';

export const auditQuerySchema = z.object({
  action: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: limitParam(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
