import { describe, expect, it } from '@jest/globals';
import { sha256Hex } from './agent-token.js';
import { enrollmentKeyStatus, generateEnrollmentKey, isEnrollmentKeyShaped } from './enrollment-key.js';

describe('enrollment keys', () => {
  it('are hwe_ + 32 random bytes, stored as SHA-256 with an 8-character clear prefix', () => {
    const { key, prefix, keyHash } = generateEnrollmentKey();
    expect(key).toMatch(/^hwe_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
    expect(prefix).toBe(key.slice(4, 12));
    expect(keyHash).toBe(sha256Hex(key));
    expect(isEnrollmentKeyShaped(key)).toBe(true);
    expect(isEnrollmentKeyShaped(key.slice(0, -1))).toBe(false);
    expect(isEnrollmentKeyShaped('hwa_abcdefgh_' + 'a'.repeat(43))).toBe(false);
  });

  it('status: revoked wins, then expired, then exhausted', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const base = { revokedAt: null, expiresAt: null, maxUses: null, uses: 0 };
    const past = new Date('2029-12-31T23:59:59Z');
    expect(enrollmentKeyStatus(base, now)).toBe('active');
    expect(enrollmentKeyStatus({ ...base, maxUses: 2, uses: 1 }, now)).toBe('active');
    expect(enrollmentKeyStatus({ ...base, maxUses: 2, uses: 2 }, now)).toBe('exhausted');
    expect(enrollmentKeyStatus({ ...base, expiresAt: now }, now)).toBe('expired');
    expect(enrollmentKeyStatus({ ...base, expiresAt: past, maxUses: 1, uses: 1 }, now)).toBe('expired');
    expect(enrollmentKeyStatus({ ...base, revokedAt: past, expiresAt: past }, now)).toBe('revoked');
  });
});
