import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  accountSecuritySchema,
  loginResultSchema,
  recoveryCodesSchema,
  totpEnrollmentSchema,
} from '@hivewatch/protocol';
import request from 'supertest';
import { Clock } from '../../src/common/auth/clock.js';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { ageStepUpProofs, enrollTotp, sessionCookieOf, totpCode } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * TOTP second factor through the real hub (docs/security.md): enroll, sign in with a code, replay
 * refused, recovery codes once, the challenge's limits and the login rate limit, step-up to disable.
 * Codes are computed here with `otpauth` from the secret the enrollment returned. The hub's Clock
 * runs `offset` ms ahead of the wall clock, so a test moves to the next 30-second step at will.
 */
describe('second factor (TOTP) at sign-in', () => {
  let hub: TestApp;
  let admin: string;
  let offset = 0;
  let frozenAt: number | null = null;
  const now = () => frozenAt ?? Date.now() + offset;
  const nextStep = () => {
    offset += 30_000;
  };
  const alice = { username: 'alice', password: 'alice-password-0001', role: 'user' as const };
  const login = (from = '10.1.0.1', who: { username: string; password: string } = alice) =>
    request(hub.url).post('/api/v1/auth/login').set('X-Forwarded-For', from).send(who);
  const secondFactor = (body: object, from = '10.1.0.1') =>
    request(hub.url).post('/api/v1/auth/login/second-factor').set('X-Forwarded-For', from).send(body);
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_TRUST_PROXY: 'true' });
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(now);
    admin = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('enrolls: a pending secret with its otpauth URL and QR code, confirmed by a code, 10 recovery codes once', async () => {
    const cookie = await createUserAndSignIn(hub, admin, alice);
    const res = await request(hub.url)
      .post('/api/v1/auth/second-factor/totp')
      .set('Cookie', cookie)
      .expect(201);
    const enrollment = totpEnrollmentSchema.parse(res.body);
    secret = enrollment.secret;
    expect(enrollment.otpauthUrl).toContain(
      `otpauth://totp/Hivewatch:alice?issuer=Hivewatch&secret=${secret}`,
    );
    expect(enrollment.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    // pending: sign-in does not ask for it yet
    expect((await login().expect(200)).body).toMatchObject({ status: 'signed-in' });
    const security = () => request(hub.url).get('/api/v1/auth/security').set('Cookie', cookie).expect(200);
    expect(accountSecuritySchema.parse((await security()).body).totp.enabled).toBe(false);

    const wrong = String((Number(totpCode(secret, now())) + 1) % 1_000_000).padStart(6, '0');
    await request(hub.url)
      .post('/api/v1/auth/second-factor/totp/confirm')
      .set('Cookie', cookie)
      .send({ code: wrong })
      .expect(403);
    const confirmed = await request(hub.url)
      .post('/api/v1/auth/second-factor/totp/confirm')
      .set('Cookie', cookie)
      .send({ code: totpCode(secret, now()) })
      .expect(200);
    recoveryCodes = recoveryCodesSchema.parse(confirmed.body).recoveryCodes;
    expect(recoveryCodes.every((c) => /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/.test(c))).toBe(true);
    const overview = accountSecuritySchema.parse((await security()).body);
    expect(overview.totp).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });
    const me = await request(hub.url).get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ secondFactor: true, mustEnrollSecondFactor: false });
    // a second enrollment needs the first one turned off
    await request(hub.url).post('/api/v1/auth/second-factor/totp').set('Cookie', cookie).expect(409);
  });

  it('signs in with a code: no cookie after the password, the cookie after the code; the same code again is refused', async () => {
    nextStep(); // the confirmation spent the current step
    const first = await login().expect(200);
    expect(sessionCookieOf(first)).toBeUndefined();
    const challenge = loginResultSchema.parse(first.body);
    if (challenge.status !== 'second-factor') throw new Error('expected a second-factor challenge');
    expect(challenge.methods).toEqual(['totp', 'recovery-code']);
    const code = totpCode(secret, now());
    const done = await secondFactor({ challenge: challenge.challenge, code }).expect(200);
    expect(done.body).toMatchObject({ status: 'signed-in', user: { username: 'alice' } });
    const cookie = sessionCookieOf(done)!;
    const security = await request(hub.url).get('/api/v1/auth/security').set('Cookie', cookie).expect(200);
    const sessions = accountSecuritySchema.parse(security.body).sessions;
    expect(sessions.find((s) => s.current)).toMatchObject({ method: 'totp' });
    // the challenge is spent, and the code cannot be replayed on a new one
    await secondFactor({ challenge: challenge.challenge, code }).expect(401);
    const again = (await login().expect(200)).body as { challenge: string };
    const replay = await secondFactor({ challenge: again.challenge, code }).expect(401);
    expect(replay.body.message).toBe('Invalid code');
  });

  it('accepts each recovery code once, dashes and case as the user types them', async () => {
    const code = recoveryCodes[0]!;
    const { challenge } = (await login().expect(200)).body as { challenge: string };
    const res = await secondFactor({ challenge, recoveryCode: code.toLowerCase().replace(/-/g, ' ') }).expect(
      200,
    );
    const cookie = sessionCookieOf(res)!;
    const overview = await request(hub.url).get('/api/v1/auth/security').set('Cookie', cookie).expect(200);
    expect(overview.body.totp.recoveryCodesLeft).toBe(9);
    const second = (await login().expect(200)).body as { challenge: string };
    await secondFactor({ challenge: second.challenge, recoveryCode: code }).expect(401);
  });

  it('reads the challenge from the HttpOnly hw_challenge cookie when the body has none, and clears it', async () => {
    nextStep();
    const { challenge } = (await login().expect(200)).body as { challenge: string };
    const res = await request(hub.url)
      .post('/api/v1/auth/login/second-factor')
      .set('X-Forwarded-For', '10.1.0.1')
      .set('Cookie', `hw_challenge=${challenge}`)
      .send({ code: totpCode(secret, now()) })
      .expect(200);
    expect(sessionCookieOf(res)).toBeDefined();
    const cleared = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('hw_challenge='));
    expect(cleared).toMatch(/^hw_challenge=;.*Path=\/api\/v1\/auth/);
    const none = await secondFactor({ code: totpCode(secret, now()) }).expect(400);
    expect(none.body.message).toMatch(/sign in first/);
  });

  it('spends a challenge after 5 wrong codes, and the failures count toward the sign-in rate limit', async () => {
    const from = '10.1.9.9';
    frozenAt = now(); // the wait after the 5th failure is 1 s: a slow machine must not outlast it
    const spare = (await login(from).expect(200)).body as { challenge: string };
    const { challenge } = (await login(from).expect(200)).body as { challenge: string };
    for (let i = 1; i <= 5; i++) {
      const res = await secondFactor({ challenge, code: '000000' }, from).expect(401);
      if (i === 5) expect(res.body.message).toMatch(/sign in again/);
    }
    // 5 failures from this address on this account: the next attempt there waits (1 s, doubling), even with
    // a right code (the next step's, valid within the ±1 window)
    const limited = await secondFactor(
      { challenge: spare.challenge, code: totpCode(secret, now() + 30_000) },
      from,
    ).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await login(from).expect(429);
    frozenAt = null;
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=auth.login.second-factor')
      .set('Cookie', admin)
      .expect(200);
    const outcomes = (audit.body.items as { outcome: string; ip: string }[]).filter((r) => r.ip === from);
    expect(outcomes.filter((r) => r.outcome === 'failure').length).toBeGreaterThanOrEqual(6);
  });

  it('disables the second factor only with a fresh proof (step-up with a code, not the password)', async () => {
    nextStep();
    const { challenge } = (await login().expect(200)).body as { challenge: string };
    const cookie = sessionCookieOf(
      await secondFactor({ challenge, code: totpCode(secret, now()) }).expect(200),
    )!;
    // the sign-in is a proof; age it past the 5-minute window
    await ageStepUpProofs(hub);
    const refused = await request(hub.url)
      .delete('/api/v1/auth/second-factor/totp')
      .set('Cookie', cookie)
      .expect(401);
    expect(refused.body).toMatchObject({ reason: 'step_up_required', methods: ['totp'], maxAgeSeconds: 300 });
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', cookie)
      .send({ password: alice.password })
      .expect(400);
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', cookie)
      .send({ code: '000000' })
      .expect(403);
    nextStep();
    const stepped = await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', cookie)
      .send({ code: totpCode(secret, now()) })
      .expect(200);
    expect(stepped.body).toEqual({ steppedUpUntil: expect.any(String), method: 'totp' });
    expect(Date.parse(stepped.body.steppedUpUntil as string)).toBeGreaterThan(now() + 290_000);
    const regenerated = await request(hub.url)
      .post('/api/v1/auth/second-factor/recovery-codes')
      .set('Cookie', cookie)
      .expect(201);
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    expect(regenerated.body.recoveryCodes).not.toContain(recoveryCodes[1]);
    await request(hub.url).delete('/api/v1/auth/second-factor/totp').set('Cookie', cookie).expect(204);
    expect((await login().expect(200)).body).toMatchObject({ status: 'signed-in' });
    const actions = await request(hub.url)
      .get('/api/v1/audit-logs?limit=200')
      .set('Cookie', admin)
      .expect(200);
    const seen = new Set((actions.body.items as { action: string }[]).map((r) => r.action));
    for (const action of [
      'auth.second-factor.enroll',
      'auth.second-factor.confirm',
      'auth.second-factor.disable',
      'auth.recovery-codes.regenerate',
      'auth.step-up',
      'auth.login.second-factor',
    ]) {
      expect(seen).toContain(action);
    }
  });
});

describe('sign-in policy: second factor required for admins, local sign-in off with a break-glass admin', () => {
  let hub: TestApp;
  let admin: string;
  const settings = (cookie: string) => request(hub.url).put('/api/v1/settings/auth').set('Cookie', cookie);

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('asks admins without a second factor to enroll one before anything else', async () => {
    await settings(admin).send({ requireSecondFactorForAdmins: true }).expect(200);
    const boss = { username: 'boss', password: 'boss-password-00001', role: 'admin' as const };
    await request(hub.url).post('/api/v1/users').set('Cookie', admin).send(boss).expect(201);
    const res = await request(hub.url).post('/api/v1/auth/login').send(boss).expect(200);
    expect(res.body).toMatchObject({ status: 'signed-in', enrollSecondFactor: true });
    const cookie = sessionCookieOf(res)!;
    const blocked = await request(hub.url).get('/api/v1/servers').set('Cookie', cookie).expect(403);
    expect(blocked.body.message).toMatch(/requires a second factor/);
    await request(hub.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(403);
    expect(
      (await request(hub.url).get('/api/v1/auth/me').set('Cookie', cookie).expect(200)).body,
    ).toMatchObject({
      mustEnrollSecondFactor: true,
      secondFactor: false,
    });
    const security = await request(hub.url).get('/api/v1/auth/security').set('Cookie', cookie).expect(200);
    expect(security.body.totp).toMatchObject({ enabled: false, required: true });
    await enrollTotp(hub, cookie);
    await request(hub.url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
    // users are not concerned
    const user = await createUserAndSignIn(hub, admin, {
      username: 'u1',
      password: 'u1-password-000001',
      role: 'user',
    });
    await request(hub.url).get('/api/v1/servers').set('Cookie', user).expect(200);
    await settings(admin).send({ requireSecondFactorForAdmins: false }).expect(200);
  });

  it('turns local sign-in off only with a break-glass admin, who keeps signing in', async () => {
    await request(hub.url).get('/api/v1/settings/auth').set('Cookie', admin).expect(200, {
      allowRegistration: false,
      linkByVerifiedEmail: false,
      requireSecondFactorForAdmins: false,
      localSignIn: true,
      breakGlassUsername: null,
      ssoSecondFactor: 'always-local',
      stepUpMaxAgeSeconds: 300,
    });
    await settings(admin).send({ localSignIn: false }).expect(400);
    const nobody = await settings(admin)
      .send({ localSignIn: false, breakGlassUsername: 'nobody' })
      .expect(409);
    expect(nobody.body.message).toMatch(/there is no user nobody/);
    const notAdmin = await settings(admin).send({ localSignIn: false, breakGlassUsername: 'u1' }).expect(409);
    expect(notAdmin.body.message).toMatch(/u1 is not an active admin/);
    const user = await signIn(hub, 'u1', 'u1-password-000001');
    await settings(user).send({ localSignIn: false, breakGlassUsername: TEST_ADMIN.username }).expect(403);
    const saved = await settings(admin)
      .send({ localSignIn: false, breakGlassUsername: TEST_ADMIN.username })
      .expect(200);
    expect(saved.body).toMatchObject({ localSignIn: false, breakGlassUsername: TEST_ADMIN.username });
    const refused = await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ username: 'u1', password: 'u1-password-000001' })
      .expect(403);
    expect(refused.body.message).toMatch(/Password sign-in is turned off/);
    // a wrong password answers alike for every name: probing does not reveal the break-glass admin
    for (const username of ['u1', TEST_ADMIN.username, 'nobody']) {
      await request(hub.url)
        .post('/api/v1/auth/login')
        .send({ username, password: 'wrong-password-1' })
        .expect(401);
    }
    await signIn(hub); // the break-glass admin
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=settings.auth.update')
      .set('Cookie', admin)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      outcome: 'success',
      detail: { changed: ['localSignIn', 'breakGlassUsername'] },
    });
    // changing the policy is a step-up action
    await ageStepUpProofs(hub);
    const stale = await settings(admin).send({ localSignIn: true }).expect(401);
    expect(stale.body).toMatchObject({ reason: 'step_up_required', methods: ['password'] });
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', admin)
      .send({ password: 'wrong' })
      .expect(403);
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', admin)
      .send({ password: TEST_ADMIN.password })
      .expect(200);
    await settings(admin).send({ localSignIn: true }).expect(200);
    await signIn(hub, 'u1', 'u1-password-000001');
  });
});
