import { z } from 'zod';
import { toTimeInput, wireTimeSchema } from './common.js';

/** `/api/v1/api-keys` (src/api-keys). */

/**
 * `read`: GET only. `admin`: the user's rights, except step-up actions. `ops`: also step-up actions
 * (restart services, terminals, commands, Docker actions, upgrades); creating one needs step-up.
 */
export const API_KEY_SCOPES = ['read', 'admin', 'ops'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** ISO-8601 string or epoch milliseconds (number or digit string), as protocol.md §3 allows. */
const expiresAtSchema = z
  .union([z.number().int().positive(), z.string()])
  .transform(toTimeInput)
  .meta({ description: 'ISO-8601 time or epoch milliseconds; omit for a key that never expires' });

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(API_KEY_SCOPES),
  expiresAt: expiresAtSchema.optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const listApiKeysQuerySchema = z.object({
  all: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type ListApiKeysQuery = z.infer<typeof listApiKeysQuerySchema>;

/** An API key as listed: metadata only, never the key or its hash. */
export const apiKeySchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  scope: z.enum(API_KEY_SCOPES),
  prefix: z.string(),
  expiresAt: wireTimeSchema.nullable(),
  lastUsedAt: wireTimeSchema.nullable(),
  revokedAt: wireTimeSchema.nullable(),
  createdAt: wireTimeSchema,
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to a creation: the only time the key itself is ever shown. */
export const createdApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(API_KEY_SCOPES),
  prefix: z.string(),
  expiresAt: wireTimeSchema.nullable(),
  createdAt: wireTimeSchema,
  key: z.string(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
