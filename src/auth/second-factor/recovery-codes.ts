import { randomBytes } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@hivewatch/protocol';
import { sha256Hex } from '../../common/crypto/secrets.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 80 random bits as 16 base32 characters. */
function randomBase32(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A fresh set of recovery codes as shown to the user: `ABCD-EFGH-IJKL-MNOP`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => randomBase32().replace(/(.{4})(?!$)/g, '$1-'));
}

/**
 * What is stored of a recovery code: the SHA-256 of its 16 characters (upper-case, no dashes).
 * 80 random bits need no slow hash: they cannot be guessed offline.
 */
export function recoveryCodeHash(code: string): string {
  return sha256Hex(code.replace(/[\s-]+/g, '').toUpperCase());
}
