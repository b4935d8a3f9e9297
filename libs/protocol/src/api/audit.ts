import { z } from 'zod';
import { limitParam, outcomeSchema, pageSchema, timeParam, wireTimeSchema } from './common.js';

/** `/api/v1/audit-logs` (src/audit). */

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

export const ACTOR_TYPES = ['user', 'api-key', 'agent', 'system', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const auditRecordSchema = z.object({
  id: z.number(),
  createdAt: wireTimeSchema,
  actorType: z.enum(ACTOR_TYPES),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Dotted verb, e.g. `auth.login`, `server.token.rotate`. */
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: outcomeSchema,
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditPageSchema = pageSchema(auditRecordSchema);
export type AuditPage = z.infer<typeof auditPageSchema>;
