import request from 'supertest';
import { TEST_ADMIN, type TestApp } from './test-app.js';

/** Signs in through the real login route and returns the session cookie (`hw_session=...`). */
export async function signIn(
  hub: TestApp,
  username: string = TEST_ADMIN.username,
  password: string = TEST_ADMIN.password,
): Promise<string> {
  const res = await request(hub.url).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const session = cookies.find((c) => c.startsWith('hw_session='));
  if (!session) throw new Error('login answered without a hw_session cookie');
  return session.split(';')[0]!;
}

/** Creates a user (as admin) and returns its session cookie. */
export async function createUserAndSignIn(
  hub: TestApp,
  adminCookie: string,
  user: { username: string; password: string; role: 'admin' | 'user' },
): Promise<string> {
  await request(hub.url).post('/api/v1/users').set('Cookie', adminCookie).send(user).expect(201);
  return signIn(hub, user.username, user.password);
}

/** Creates an API key (as the cookie's user) and returns the secret, shown once. */
export async function createApiKey(
  hub: TestApp,
  cookie: string,
  scope: 'read' | 'admin' | 'ops',
): Promise<string> {
  const res = await request(hub.url)
    .post('/api/v1/api-keys')
    .set('Cookie', cookie)
    .send({ name: `test ${scope}`, scope })
    .expect(201);
  return res.body.key as string;
}
