import { describe, expect, it } from '@jest/globals';
import { hashPassword, randomSecret, sha256Hex, timingSafeEqualHex, verifyPassword } from './secrets.js';

describe('secrets', () => {
  it('makes base64url secrets of the requested entropy, never twice the same', () => {
    const a = randomSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret(48)).toHaveLength(64);
    expect(randomSecret()).not.toBe(a);
  });

  it('fingerprints with SHA-256 hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares hex digests in constant time and rejects malformed input', () => {
    const d = sha256Hex('x');
    expect(timingSafeEqualHex(d, d.toUpperCase())).toBe(true);
    expect(timingSafeEqualHex(d, sha256Hex('y'))).toBe(false);
    expect(timingSafeEqualHex(d, d.slice(2))).toBe(false);
    expect(timingSafeEqualHex('zz', 'zz')).toBe(false);
  });

  it('hashes passwords with argon2id and verifies them', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain('correct horse battery');
    await expect(verifyPassword(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'wrong horse battery')).resolves.toBe(false);
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
  });
});
