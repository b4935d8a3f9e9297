import { describe, expect, it } from '@jest/globals';
import {
  AGENT_TOKEN_ARGON2,
  agentTokenNeedsRehash,
  generateAgentToken,
  generateTokenPrefix,
  hashAgentToken,
  parseAgentToken,
  sha256Hex,
  verifyAgentTokenHash,
} from './agent-token.js';

describe('agent token format', () => {
  it('is hwa_<8 base32 chars>_<43 base64url chars> (32 random bytes)', () => {
    const token = generateAgentToken();
    expect(token).toMatch(/^hwa_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(13), 'base64url')).toHaveLength(32);
  });

  it('keeps the prefix it is given, and parses back into prefix and secret', () => {
    const prefix = generateTokenPrefix();
    const token = generateAgentToken(prefix);
    expect(parseAgentToken(token)).toEqual({ prefix, secret: token.slice(13) });
  });

  it('parses secrets that themselves contain underscores and dashes', () => {
    const token = `hwa_abcdefgh_${'_-'.repeat(21)}x`;
    expect(parseAgentToken(token)).toEqual({ prefix: 'abcdefgh', secret: `${'_-'.repeat(21)}x` });
  });

  it('never repeats prefixes or tokens in practice', () => {
    const prefixes = new Set(Array.from({ length: 2000 }, () => generateTokenPrefix()));
    const tokens = new Set(Array.from({ length: 2000 }, () => generateAgentToken()));
    expect(prefixes.size).toBe(2000);
    expect(tokens.size).toBe(2000);
  });

  it.each([
    ['empty', ''],
    ['no mark', 'abcdefgh_' + 'a'.repeat(43)],
    ['upper-case prefix', 'hwa_ABCDEFGH_' + 'a'.repeat(43)],
    ['short prefix', 'hwa_abcdefg_' + 'a'.repeat(43)],
    ['short secret', 'hwa_abcdefgh_' + 'a'.repeat(42)],
    ['long secret', 'hwa_abcdefgh_' + 'a'.repeat(44)],
    ['bad character', 'hwa_abcdefgh_' + 'a'.repeat(42) + '+'],
    ['enrollment key', 'hwe_' + 'a'.repeat(43)],
  ])('rejects a malformed token (%s)', (_, token) => {
    expect(parseAgentToken(token)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(parseAgentToken(undefined)).toBeNull();
    expect(parseAgentToken(42)).toBeNull();
    expect(parseAgentToken({ token: 'x' })).toBeNull();
  });
});

describe('agent token hashing', () => {
  it('stores argon2id with the tuned parameters and verifies only the right token', async () => {
    const token = generateAgentToken();
    const hash = await hashAgentToken(token);
    expect(hash.startsWith('$argon2id$v=19$')).toBe(true);
    const params = Object.fromEntries(
      hash
        .split('$')[3]!
        .split(',')
        .map((kv) => kv.split('=')),
    );
    expect(params).toEqual({
      m: String(AGENT_TOKEN_ARGON2.memoryCost),
      t: String(AGENT_TOKEN_ARGON2.timeCost),
      p: '1',
    });
    expect(hash).not.toContain(token);
    await expect(verifyAgentTokenHash(hash, token)).resolves.toBe(true);
    await expect(verifyAgentTokenHash(hash, generateAgentToken())).resolves.toBe(false);
    expect(agentTokenNeedsRehash(hash)).toBe(false);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    await expect(verifyAgentTokenHash('not-a-hash', generateAgentToken())).resolves.toBe(false);
    expect(agentTokenNeedsRehash('not-a-hash')).toBe(true);
  });

  it('flags hashes made with other parameters for rehashing', async () => {
    const { default: argon2 } = await import('argon2');
    const old = await argon2.hash('x', {
      type: argon2.argon2id,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(agentTokenNeedsRehash(old)).toBe(true);
  });

  it('sha256Hex is the 64-character hex digest', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
