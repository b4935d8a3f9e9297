import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Login throttle (docs/security.md): 5 free failures per 15 minutes per address and per (account,
 * address), then a growing wait for that address; a growing delay, never a refusal, per account.
 * Addresses via X-Forwarded-For.
 */
describe('auth: login rate limit', () => {
  let hub: TestApp;
  const login = (from: string, username: string, password: string) =>
    request(hub.url).post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_TRUST_PROXY: 'true' });
    const admin = await signIn(hub);
    for (const username of ['victim', 'target', 'carol']) {
      await request(hub.url)
        .post('/api/v1/users')
        .set('Cookie', admin)
        .send({ username, password: `${username}-password-1`, role: 'user' })
        .expect(201);
    }
  });
  afterAll(async () => {
    await hub.close();
  });

  it('slows an account attacked from many addresses but never refuses its right password', async () => {
    for (let i = 1; i <= 6; i++) await login(`10.0.0.${i}`, 'victim', 'wrong-password').expect(401);
    // 6 failures: each attempt on the account now waits 500 ms before it is checked
    const started = Date.now();
    await login('10.0.0.7', 'victim', 'victim-password-1').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('makes an address wait after 5 failures on one account (429 with Retry-After), growing, not a wall', async () => {
    for (let i = 1; i <= 5; i++) await login('10.0.1.1', 'victim', 'wrong-password').expect(401);
    const res = await login('10.0.1.1', 'victim', 'victim-password-1').expect(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body.message).toMatch(/try again in \d+ seconds \(after \d{4}-\d\d-\d\dT/);
    // the same account from another address is not refused
    await login('10.0.1.2', 'victim', 'victim-password-1').expect(200);
  });

  it('answers the 6th failure from one address (with different usernames) with 429', async () => {
    for (let i = 1; i <= 5; i++) await login('10.1.1.1', `nobody-${i}`, 'wrong-password').expect(401);
    const res = await login('10.1.1.1', 'target', 'target-password-1').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await login('10.1.1.2', 'target', 'target-password-1').expect(200);
  });

  it('a successful sign-in resets the account counter but not the address counter', async () => {
    for (let i = 0; i < 4; i++) await login('10.2.2.2', 'carol', 'wrong-password').expect(401);
    await login('10.2.2.2', 'carol', 'carol-password-1').expect(200);
    await login('10.2.2.2', 'carol', 'wrong-password').expect(401); // 5th failure of this address
    await login('10.2.2.2', 'someone-else', 'wrong-password').expect(429);
    // the account's counter restarted at the sign-in: one failure elsewhere is only its second
    await login('10.3.3.3', 'carol', 'wrong-password').expect(401);
    await login('10.3.3.4', 'carol', 'carol-password-1').expect(200);
  });
});
