import { z } from 'zod';
import { parseTimeInput, TIME_INPUT_ERROR } from '../../common/http/query-schemas.js';
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope } from '../api-key.entity.js';

/** ISO-8601 string or epoch milliseconds (number or digit string), as protocol.md §3 allows. */
const expiresAtSchema = z
  .union([z.number().int().positive(), z.string()])
  .transform((v, ctx) => {
    const d = parseTimeInput(v);
    if (d === null) {
      ctx.addIssue({ code: 'custom', message: TIME_INPUT_ERROR });
      return z.NEVER;
    }
    return d;
  })
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
export interface ApiKeyView {
  id: string;
  userId: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** The answer to a creation: the only time the key itself is ever shown. */
export interface CreatedApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  expiresAt: Date | null;
  createdAt: Date;
  key: string;
}

export function toApiKeyView(k: ApiKey): ApiKeyView {
  return {
    id: k.id,
    userId: k.userId,
    name: k.name,
    scope: k.scope,
    prefix: k.prefix,
    expiresAt: k.expiresAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    createdAt: k.createdAt,
  };
}
