import type { ApiKey } from '../api-key.entity.js';

export {
  createApiKeySchema,
  listApiKeysQuerySchema,
  type CreateApiKeyInput,
  type ListApiKeysQuery,
} from '@hivewatch/protocol';

/** An API key as listed: metadata only, never the key or its hash. JSON makes it the protocol's `ApiKey`. */
export interface ApiKeyView {
  id: string;
  userId: string;
  name: string;
  scope: ApiKey['scope'];
  prefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** The answer to a creation: the only time the key itself is ever shown (protocol `CreatedApiKey`). */
export interface CreatedApiKey {
  id: string;
  name: string;
  scope: ApiKey['scope'];
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
