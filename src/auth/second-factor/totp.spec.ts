import { describe, expect, it } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import { matchTotpStep, newTotpSecret, totpEnrollmentUrls } from './totp.js';

const at = Date.UTC(2026, 0, 1, 12, 0, 10);
const code = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: ms,
  });

describe('TOTP (RFC 6238, SHA-1, 30 s, 6 digits)', () => {
  it('matches the RFC 6238 test vector (T = 59 s → 287082, step 1)', () => {
    const rfcSecret = Secret.fromUTF8('12345678901234567890').base32;
    expect(matchTotpStep(rfcSecret, '287082', 59_000)).toBe(1);
  });

  it('accepts the current step and one either side, nothing further', () => {
    const secret = newTotpSecret();
    const step = Math.floor(at / 30_000);
    expect(matchTotpStep(secret, code(secret, at), at)).toBe(step);
    expect(matchTotpStep(secret, code(secret, at - 30_000), at)).toBe(step - 1);
    expect(matchTotpStep(secret, code(secret, at + 30_000), at)).toBe(step + 1);
    expect(matchTotpStep(secret, code(secret, at - 90_000), at)).toBeNull();
  });

  it('gives an otpauth URL and an SVG QR code for it', async () => {
    const secret = newTotpSecret();
    const { otpauthUrl, qrDataUrl } = await totpEnrollmentUrls(secret, 'alice');
    expect(otpauthUrl).toBe(
      `otpauth://totp/Hivewatch:alice?issuer=Hivewatch&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    const svg = Buffer.from(qrDataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString();
    expect(svg).toMatch(/^<svg /);
  });
});
