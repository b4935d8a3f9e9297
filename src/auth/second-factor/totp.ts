import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app reads it: SHA-1, 30-second steps, 6 digits. */
const PERIOD_SECONDS = 30;
const ISSUER = 'Hivewatch';
/** One step either side of now: a phone clock a little off, or a code typed as it rolled over. */
const WINDOW = 1;

/** A new random TOTP secret (160 bits, the RFC 4226 recommendation), base32 as apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, account: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: account,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The `otpauth://totp/...` URL an authenticator app imports, and the same as an SVG QR code. */
export async function totpEnrollmentUrls(
  secret: string,
  account: string,
): Promise<{ otpauthUrl: string; qrDataUrl: string }> {
  const otpauthUrl = totp(secret, account).toString();
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUrl, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step (counter) a code belongs to, or null when it matches none within the window. The
 * caller refuses steps not later than the last accepted one, so a code works once.
 */
export function matchTotpStep(secret: string, code: string, nowMs: number): number | null {
  const generator = totp(secret, 'check');
  const delta = generator.validate({ token: code, timestamp: nowMs, window: WINDOW });
  if (delta === null) return null;
  return generator.counter({ timestamp: nowMs }) + delta;
}
