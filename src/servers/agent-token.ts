import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * Agent tokens: `hwa_<prefix>_<secret>`.
 * - `prefix`: 8 lowercase base32 characters, public, indexed (`servers.tokenPrefix`) so the simple
 *   dialect, which sends only the token, finds its one server without scanning (protocol.md §1.2);
 * - `secret`: 32 CSPRNG bytes, base64url (43 characters).
 * Stored as argon2id of the whole token, shown once.
 */
export const AGENT_TOKEN_MARK = 'hwa_';
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const PREFIX_LENGTH = 8;
const SECRET_BYTES = 32;
const AGENT_TOKEN_PATTERN = /^hwa_([a-z2-7]{8})_([A-Za-z0-9_-]{43})$/;

/**
 * Why so cheap: the token carries 256 bits of CSPRNG entropy, so nobody can brute-force it from a
 * leaked hash whatever the cost factor; argon2id's memory hardness protects low-entropy passwords
 * and buys nothing here. What a high cost *would* do is make a hub restart with a fleet
 * reconnecting queue minutes of CPU (protocol.md §1.6; quality.md: >= 500 authentications/s).
 * Measured on the 2-core dev machine: 1 MiB x 2 passes ~ 1.4 ms per verification sequentially,
 * ~1,000/s with the libuv pool busy. The parameters are encoded in each hash, so changing them
 * later still verifies old hashes (and `needsRehash` upgrades them on the next success).
 */
export const AGENT_TOKEN_ARGON2 = {
  type: argon2.argon2id,
  memoryCost: 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export interface ParsedAgentToken {
  prefix: string;
  secret: string;
}

export function generateTokenPrefix(): string {
  // 32 divides 256, so masking a random byte gives an unbiased base32 character.
  const bytes = randomBytes(PREFIX_LENGTH);
  let out = '';
  for (const b of bytes) out += PREFIX_ALPHABET[b & 31];
  return out;
}

/** A fresh token for the given public prefix (see `generateTokenPrefix`). */
export function generateAgentToken(prefix: string = generateTokenPrefix()): string {
  return `${AGENT_TOKEN_MARK}${prefix}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** Splits a token into prefix and secret, or null when it is not shaped like an agent token. */
export function parseAgentToken(token: unknown): ParsedAgentToken | null {
  if (typeof token !== 'string' || token.length > 64) return null;
  const m = AGENT_TOKEN_PATTERN.exec(token);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

export function hashAgentToken(token: string): Promise<string> {
  return argon2.hash(token, AGENT_TOKEN_ARGON2);
}

/** True when `token` matches `hash`; a malformed hash counts as a mismatch, never as an error. */
export async function verifyAgentTokenHash(hash: string, token: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, token);
  } catch {
    return false;
  }
}

export function agentTokenNeedsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, AGENT_TOKEN_ARGON2);
  } catch {
    return true;
  }
}

/** SHA-256 hex, for high-entropy secrets only (cache keys, enrollment keys, machine ids). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
