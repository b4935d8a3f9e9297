import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { Clock } from '../../src/common/auth/clock.js';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

const setCookies = (res: request.Response): string[] =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []);
interface SessionItem {
  id: string;
  current: boolean;
}
const sessionCookieHeader = (res: request.Response) =>
  setCookies(res).find((c) => c.startsWith('hw_session='));

// Starting a hub (migrations, the admin's argon2 hash) and each argon2 check of a sign-in take
// seconds on a loaded 2-core machine, and some cases here check eight passwords: their budget is
// not Jest's 30 s. Nothing here waits on a timer; the budget only bounds a hang.
jest.setTimeout(120_000);

describe('auth: sign-in, sessions, password, access tokens', () => {
  let hub: TestApp;
  let admin: string;

  beforeAll(async () => {
    // the rate limit has its own suite; here failures must not lock the shared address out
    hub = await startTestApp({
      HIVEWATCH_LOGIN_MAX_FAILURES: '100',
      HIVEWATCH_ACCESS_TOKEN_TTL_SECONDS: '60',
    });
    admin = await signIn(hub);
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('signs in with the right password and sets an HttpOnly, SameSite=Lax, non-Secure cookie', async () => {
    const res = await request(hub.url).post('/api/v1/auth/login').send(TEST_ADMIN).expect(200);
    expect(res.body).toEqual({
      status: 'signed-in',
      user: { id: expect.any(String), username: 'admin', role: 'admin' },
      enrollSecondFactor: false,
    });
    const cookie = sessionCookieHeader(res)!;
    expect(cookie).toMatch(/^hw_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('answers the same 401 for a wrong password, an unknown user and a disabled user', async () => {
    await createUserAndSignIn(hub, admin, { username: 'dora', password: 'dora-password-123', role: 'user' });
    const users = (await request(hub.url).get('/api/v1/users').set('Cookie', admin)).body as {
      id: string;
      username: string;
    }[];
    const dora = users.find((u) => u.username === 'dora')!;
    await request(hub.url)
      .patch(`/api/v1/users/${dora.id}`)
      .set('Cookie', admin)
      .send({ disabled: true })
      .expect(200);
    const attempts = [
      { username: 'admin', password: 'not-the-password' },
      { username: 'nobody', password: 'whatever-password' },
      { username: 'dora', password: 'dora-password-123' },
    ];
    const bodies = [];
    for (const body of attempts) {
      const res = await request(hub.url).post('/api/v1/auth/login').send(body).expect(401);
      expect(sessionCookieHeader(res)).toBeUndefined();
      bodies.push(res.body.message);
    }
    expect(new Set(bodies)).toEqual(new Set(['Invalid username or password']));
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=auth.login&outcome=failure')
      .set('Cookie', admin);
    expect((audit.body.items as { actorName: string }[]).map((i) => i.actorName)).toEqual(
      expect.arrayContaining(['admin', 'nobody', 'dora']),
    );
    expect(JSON.stringify(audit.body)).not.toContain('not-the-password');
  });

  it('tells who is signed in', async () => {
    const res = await request(hub.url).get('/api/v1/auth/me').set('Cookie', admin).expect(200);
    expect(res.body).toMatchObject({ user: { username: 'admin', role: 'admin' }, via: 'session' });
    await request(hub.url).get('/api/v1/auth/me').expect(401);
    await request(hub.url).get('/api/v1/auth/me').set('Cookie', 'hw_session=forged').expect(401);
  });

  it('logout revokes the session and clears the cookie', async () => {
    const cookie = await signIn(hub);
    const res = await request(hub.url).post('/api/v1/auth/logout').set('Cookie', cookie).expect(204);
    expect(sessionCookieHeader(res)).toMatch(/^hw_session=;.*Expires=Thu, 01 Jan 1970/);
    await request(hub.url).get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
  });

  it('lists and revokes own sessions', async () => {
    const a = await signIn(hub);
    const b = await signIn(hub);
    const list = await request(hub.url).get('/api/v1/auth/sessions').set('Cookie', a).expect(200);
    expect((list.body as SessionItem[]).filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash/);
    const ofB = (await request(hub.url).get('/api/v1/auth/sessions').set('Cookie', b)).body as SessionItem[];
    const bId = ofB.find((s) => s.current)!.id;
    await request(hub.url).delete(`/api/v1/auth/sessions/${bId}`).set('Cookie', a).expect(204);
    await request(hub.url).get('/api/v1/auth/me').set('Cookie', b).expect(401);
    await request(hub.url).delete(`/api/v1/auth/sessions/${bId}`).set('Cookie', a).expect(404);
  });

  it('password change keeps the current session and revokes the others', async () => {
    const user = { username: 'pat', password: 'pat-password-1234', role: 'user' as const };
    const current = await createUserAndSignIn(hub, admin, user);
    const other = await signIn(hub, user.username, user.password);
    await request(hub.url)
      .post('/api/v1/auth/password')
      .set('Cookie', current)
      .send({ currentPassword: 'wrong-password-0', newPassword: 'pat-password-5678' })
      .expect(403);
    await request(hub.url)
      .post('/api/v1/auth/password')
      .set('Cookie', current)
      .send({ currentPassword: user.password, newPassword: 'short' })
      .expect(400);
    await request(hub.url)
      .post('/api/v1/auth/password')
      .set('Cookie', current)
      .send({ currentPassword: user.password, newPassword: 'pat-password-5678' })
      .expect(204);
    await request(hub.url).get('/api/v1/auth/me').set('Cookie', current).expect(200);
    await request(hub.url).get('/api/v1/auth/me').set('Cookie', other).expect(401);
    await request(hub.url).post('/api/v1/auth/login').send(user).expect(401);
    await signIn(hub, user.username, 'pat-password-5678');
  });

  it('issues an access token that works as a Bearer credential until it expires', async () => {
    const res = await request(hub.url).post('/api/v1/auth/token').set('Cookie', admin).expect(201);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 60, tokenType: 'Bearer' });
    const bearer = `Bearer ${res.body.accessToken as string}`;
    const me = await request(hub.url).get('/api/v1/auth/me').set('Authorization', bearer).expect(200);
    expect(me.body).toMatchObject({
      user: { username: 'admin', role: 'admin' },
      via: 'access-token',
      scope: 'admin',
    });
    await request(hub.url).get('/api/v1/users').set('Authorization', bearer).expect(200);
    // an access token cannot renew itself
    await request(hub.url).post('/api/v1/auth/token').set('Authorization', bearer).expect(403);
    // it ends at the `exp` it carries (60 s after its `iat`), however long the steps above took: the
    // hub's clock is set a second past it for one request (a verify that fails stores no time)
    const { iat, exp } = decodeJwt(res.body.accessToken as string);
    expect(exp! - iat!).toBe(60);
    const spy = jest.spyOn(hub.app.get(Clock), 'now').mockReturnValue(exp! * 1000 + 1000);
    try {
      await request(hub.url).get('/api/v1/auth/me').set('Authorization', bearer).expect(401);
    } finally {
      spy.mockRestore();
    }
  });

  it('describes every auth, user and API-key route in the OpenAPI document', async () => {
    const doc = (await request(hub.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    };
    const ops = Object.entries(doc.paths)
      .filter(([p]) => /^\/api\/v1\/(auth|users|api-keys)/.test(p))
      .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ route: `${m} ${p}`, ...op })));
    // 15 + POST /users/{id}/unlock + 7 of the second factor and step-up (more with single sign-on)
    expect(ops.length).toBeGreaterThanOrEqual(23);
    for (const op of ops) {
      expect({ route: op.route, tagged: (op.tags ?? []).length > 0, summary: !!op.summary }).toEqual({
        route: op.route,
        tagged: true,
        summary: true,
      });
    }
  });

  describe('cross-origin protection of cookie-authenticated writes', () => {
    const tokenRoute = '/api/v1/auth/token';

    it('refuses a foreign Origin or Sec-Fetch-Site, accepts same-origin and header-less requests', async () => {
      await request(hub.url)
        .post(tokenRoute)
        .set('Cookie', admin)
        .set('Origin', 'https://evil.example')
        .expect(403);
      await request(hub.url)
        .post(tokenRoute)
        .set('Cookie', admin)
        .set('Sec-Fetch-Site', 'cross-site')
        .expect(403);
      await request(hub.url).post(tokenRoute).set('Cookie', admin).set('Origin', hub.url).expect(201);
      await request(hub.url)
        .post(tokenRoute)
        .set('Cookie', admin)
        .set('Origin', hub.url)
        .set('Sec-Fetch-Site', 'same-origin')
        .expect(201);
      await request(hub.url).post(tokenRoute).set('Cookie', admin).expect(201);
    });

    it('lets reads through from anywhere and exempts bearer credentials', async () => {
      await request(hub.url)
        .get('/api/v1/auth/me')
        .set('Cookie', admin)
        .set('Origin', 'https://evil.example')
        .expect(200);
      const { accessToken } = (await request(hub.url).post(tokenRoute).set('Cookie', admin).expect(201)).body;
      await request(hub.url)
        .post('/api/v1/api-keys')
        .set('Authorization', `Bearer ${accessToken as string}`)
        .set('Origin', 'https://evil.example')
        .send({ name: 'from a script', scope: 'read' })
        .expect(201);
    });

    it('refuses a cross-origin sign-in (login CSRF)', async () => {
      await request(hub.url)
        .post('/api/v1/auth/login')
        .set('Origin', 'https://evil.example')
        .send(TEST_ADMIN)
        .expect(403);
      await request(hub.url).post('/api/v1/auth/login').set('Origin', hub.url).send(TEST_ADMIN).expect(200);
    });
  });
});

describe('auth: Secure session cookies', () => {
  it('marks the cookie Secure when HIVEWATCH_SECURE_COOKIES=true', async () => {
    const hub = await startTestApp({ HIVEWATCH_SECURE_COOKIES: 'true' });
    try {
      const res = await request(hub.url).post('/api/v1/auth/login').send(TEST_ADMIN).expect(200);
      expect(sessionCookieHeader(res)).toMatch(/; Secure/);
      expect(sessionCookieHeader(res)).toMatch(/; HttpOnly/);
    } finally {
      await hub.close();
    }
  });

  it('marks the cookie Secure behind an https public URL and trusts that URL as an origin', async () => {
    const hub = await startTestApp({ HIVEWATCH_PUBLIC_URL: 'https://hub.example.com' });
    try {
      const res = await request(hub.url)
        .post('/api/v1/auth/login')
        .set('Origin', 'https://hub.example.com')
        .send(TEST_ADMIN)
        .expect(200);
      expect(sessionCookieHeader(res)).toMatch(/; Secure/);
    } finally {
      await hub.close();
    }
  });
});
