import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { signIn } from '../support/http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

interface Answer {
  status: number;
  retryAfter: number | null;
  ms: number;
}

/** A sign-in from a real loopback address (the hub trusts no proxy here: the socket's address counts). */
function loginFrom(url: string, localAddress: string, username: string, password: string): Promise<Answer> {
  const started = Date.now();
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/auth/login`,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const header = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: header === undefined ? null : Number(header),
            ms: Date.now() - started,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const ATTACKER = '127.0.0.2';
const OPERATOR = '127.0.0.1';

describe('sign-in: an attacker cannot lock the admin out', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_TRUST_PROXY: 'false' });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('50 wrong passwords from one address: the right one still signs in from another, and the attacker is only slowed', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 50; i++) answers.push(await loginFrom(hub.url, ATTACKER, 'admin', `wrong-${i}`));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    // then the attacking address waits (429 without a password check), a few seconds at most
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(a.retryAfter).toBeGreaterThanOrEqual(1);
      expect(a.retryAfter).toBeLessThanOrEqual(60);
    }

    const operator = await loginFrom(hub.url, OPERATOR, 'admin', TEST_ADMIN.password);
    expect(operator.status).toBe(200);

    // the attacking address, once its wait is over, is checked again: slowed, not walled for 15 minutes
    // (how many of these answers are 429 depends on how fast this machine answers: a loaded one may
    // let a backoff run out between two attempts, so the count is checked, not the position)
    const again: Answer[] = [];
    for (let i = 0; i < 5; i++) again.push(await loginFrom(hub.url, ATTACKER, 'admin', `wrong-again-${i}`));
    let right = await loginFrom(hub.url, ATTACKER, 'admin', TEST_ADMIN.password);
    again.push(right);
    expect(again.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    expect(again.slice(0, 5).every((a) => a.status === 401 || a.status === 429)).toBe(true);
    for (let waits = 0; right.status === 429 && waits < 3; waits++) {
      expect(right.retryAfter).toBeLessThanOrEqual(60);
      await new Promise((r) => setTimeout(r, (right.retryAfter ?? 0) * 1000 + 100));
      right = await loginFrom(hub.url, ATTACKER, 'admin', TEST_ADMIN.password);
    }
    expect(right.status).toBe(200);
  }, 200_000);

  it('an admin unlocks an account: its delay ends at once and the unlock is audited', async () => {
    const admin = await signIn(hub);
    const created = await request(hub.url)
      .post('/api/v1/users')
      .set('Cookie', admin)
      .send({ username: 'erin', password: 'erin-password-1', role: 'user' })
      .expect(201);
    const id = (created.body as { id: string }).id;
    // failures from two addresses (4 each stays under each address's free count)
    for (const from of ['127.0.0.3', '127.0.0.4'])
      for (let i = 0; i < 4; i++) expect((await loginFrom(hub.url, from, 'erin', 'nope')).status).toBe(401);
    const slowed = await loginFrom(hub.url, '127.0.0.4', 'erin', 'erin-password-1');
    expect(slowed.status).toBe(200);
    expect(slowed.ms).toBeGreaterThanOrEqual(900); // 8 failures: 250 ms × 2³ before the check

    for (const from of ['127.0.0.6', '127.0.0.7'])
      for (let i = 0; i < 4; i++) expect((await loginFrom(hub.url, from, 'erin', 'nope')).status).toBe(401);
    const unlock = await request(hub.url).post(`/api/v1/users/${id}/unlock`).set('Cookie', admin).expect(200);
    expect(unlock.body).toEqual({ failuresCleared: 8 });
    // without the unlock this sign-in would wait 1 s
    const after = await loginFrom(hub.url, '127.0.0.5', 'erin', 'erin-password-1');
    expect(after.status).toBe(200);
    expect(after.ms).toBeLessThan(900);

    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=user.unlock')
      .set('Cookie', admin)
      .expect(200);
    const items = (audit.body as { items: { targetId: string; actorName: string }[] }).items;
    expect(items[0]).toMatchObject({ targetId: id, actorName: 'admin' });
  });

  it('only admins unlock, and an unknown user is a 404', async () => {
    const admin = await signIn(hub);
    await request(hub.url)
      .post('/api/v1/users/00000000-0000-4000-8000-000000000000/unlock')
      .set('Cookie', admin)
      .expect(404);
    await request(hub.url).post('/api/v1/users/not-a-uuid/unlock').set('Cookie', admin).expect(400);
    await request(hub.url).post('/api/v1/users/00000000-0000-4000-8000-000000000000/unlock').expect(401);
  });
});
