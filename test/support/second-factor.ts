import { Secret, TOTP } from 'otpauth';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app.js';

/** The code an authenticator app would show for `secret` at `atMs` (RFC 6238, SHA-1, 30 s, 6 digits). */
export function totpCode(secret: string, atMs: number = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: atMs,
  });
}

/** Enrolls and confirms TOTP for the cookie's user through the real routes. */
export async function enrollTotp(
  hub: TestApp,
  cookie: string,
  atMs: number = Date.now(),
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enrollment = await request(hub.url)
    .post('/api/v1/auth/second-factor/totp')
    .set('Cookie', cookie)
    .expect(201);
  const secret = enrollment.body.secret as string;
  const confirmed = await request(hub.url)
    .post('/api/v1/auth/second-factor/totp/confirm')
    .set('Cookie', cookie)
    .send({ code: totpCode(secret, atMs) })
    .expect(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

/** The `hw_session=...` pair of a response that set the session cookie, or undefined. */
export function sessionCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []);
  return cookies.find((c) => c.startsWith('hw_session='))?.split(';')[0];
}

/**
 * Moves every session's last proof of identity 10 minutes into the past, as if the 5-minute
 * step-up window had passed (without moving the hub's clock, which live agents depend on).
 */
export async function ageStepUpProofs(hub: TestApp): Promise<void> {
  await hub.app.get(DataSource).query(`UPDATE "sessions" SET "steppedUpAt" = "steppedUpAt" - 600000`);
}
