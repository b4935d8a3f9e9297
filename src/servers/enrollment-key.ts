import type { EnrollmentKeyStatus } from '@hivewatch/protocol';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from './agent-token.js';

/**
 * Enrollment keys: `hwe_` + 32 CSPRNG bytes base64url. High entropy, so SHA-256 is the right
 * stored form (a lookup key, no slow hash needed); the first 8 characters after the mark are kept
 * in clear so admins can tell keys apart. Shown once.
 */
export const ENROLLMENT_KEY_MARK = 'hwe_';
const ENROLLMENT_KEY_PATTERN = /^hwe_[A-Za-z0-9_-]{43}$/;
export const ENROLLMENT_KEY_PREFIX_LENGTH = 8;

export interface GeneratedEnrollmentKey {
  key: string;
  prefix: string;
  keyHash: string;
}

export function generateEnrollmentKey(): GeneratedEnrollmentKey {
  const key = ENROLLMENT_KEY_MARK + randomBytes(32).toString('base64url');
  return { key, prefix: enrollmentKeyPrefix(key), keyHash: sha256Hex(key) };
}

export function enrollmentKeyPrefix(key: string): string {
  return key.slice(ENROLLMENT_KEY_MARK.length, ENROLLMENT_KEY_MARK.length + ENROLLMENT_KEY_PREFIX_LENGTH);
}

export function isEnrollmentKeyShaped(key: unknown): key is string {
  return typeof key === 'string' && ENROLLMENT_KEY_PATTERN.test(key);
}

export type { EnrollmentKeyStatus };

/** Why a key cannot enroll a new machine right now, or 'active'. Revocation wins over expiry. */
export function enrollmentKeyStatus(
  k: { revokedAt: Date | null; expiresAt: Date | null; maxUses: number | null; uses: number },
  now: Date = new Date(),
): EnrollmentKeyStatus {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && k.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (k.maxUses !== null && k.uses >= k.maxUses) return 'exhausted';
  return 'active';
}
