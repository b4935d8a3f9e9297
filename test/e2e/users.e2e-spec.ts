import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('users (admin only)', () => {
  let hub: TestApp;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
    adminId = (await request(hub.url).get('/api/v1/auth/me').set('Cookie', admin)).body.user.id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const api = () => request(hub.url);

  it('creates, lists, updates and deletes users without ever showing a hash', async () => {
    const created = await api()
      .post('/api/v1/users')
      .set('Cookie', admin)
      .send({ username: 'ann', password: 'ann-password-123', role: 'user' })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'ann', role: 'user', disabled: false, lastLoginAt: null });
    expect(JSON.stringify(created.body)).not.toMatch(/password/i);

    const list = await api().get('/api/v1/users').set('Cookie', admin).expect(200);
    expect((list.body as { username: string }[]).map((u) => u.username)).toEqual(['admin', 'ann']);
    expect(JSON.stringify(list.body)).not.toMatch(/password/i);

    const promoted = await api()
      .patch(`/api/v1/users/${created.body.id as string}`)
      .set('Cookie', admin)
      .send({ role: 'admin' })
      .expect(200);
    expect(promoted.body.role).toBe('admin');

    await api()
      .patch(`/api/v1/users/${created.body.id as string}`)
      .set('Cookie', admin)
      .send({ password: 'ann-new-password-1' })
      .expect(200);
    await signIn(hub, 'ann', 'ann-new-password-1');

    await api()
      .delete(`/api/v1/users/${created.body.id as string}`)
      .set('Cookie', admin)
      .expect(204);
    await api()
      .post('/api/v1/auth/login')
      .send({ username: 'ann', password: 'ann-new-password-1' })
      .expect(401);
    await api()
      .delete(`/api/v1/users/${created.body.id as string}`)
      .set('Cookie', admin)
      .expect(404);
  });

  it('validates input and refuses duplicates', async () => {
    const post = (body: object) => api().post('/api/v1/users').set('Cookie', admin).send(body);
    await post({ username: 'bo', password: 'short', role: 'user' }).expect(400);
    await post({ username: 'bad name!', password: 'long-enough-pass', role: 'user' }).expect(400);
    await post({ username: 'bo', password: 'long-enough-pass', role: 'root' }).expect(400);
    await post({ username: 'bo', password: 'long-enough-pass', role: 'user' }).expect(201);
    await post({ username: 'bo', password: 'long-enough-pass', role: 'user' }).expect(409);
    await api().patch('/api/v1/users/not-a-uuid').set('Cookie', admin).send({ role: 'user' }).expect(400);
  });

  it('never removes, demotes or disables the last active admin', async () => {
    const url = `/api/v1/users/${adminId}`;
    await api().patch(url).set('Cookie', admin).send({ role: 'user' }).expect(409);
    await api().patch(url).set('Cookie', admin).send({ disabled: true }).expect(409);
    const res = await api().delete(url).set('Cookie', admin).expect(409);
    expect(res.body.message).toMatch(/last active admin/);
    await api().get('/api/v1/auth/me').set('Cookie', admin).expect(200);
  });

  it('a user-role account can read but not mutate or reach admin routes', async () => {
    const user = await createUserAndSignIn(hub, admin, {
      username: 'reader',
      password: 'reader-password',
      role: 'user',
    });
    await api().get('/api/v1/auth/me').set('Cookie', user).expect(200);
    await api().get('/api/v1/auth/sessions').set('Cookie', user).expect(200);
    await api().get('/api/v1/api-keys').set('Cookie', user).expect(200);
    await api().get('/api/v1/users').set('Cookie', user).expect(403);
    await api().get('/api/v1/audit-logs').set('Cookie', user).expect(403);
    await api()
      .post('/api/v1/users')
      .set('Cookie', user)
      .send({ username: 'sneaky', password: 'sneaky-password', role: 'admin' })
      .expect(403);
    await api().patch(`/api/v1/users/${adminId}`).set('Cookie', user).send({ disabled: true }).expect(403);
  });

  it('disabling a user revokes their sessions at once; re-enabling lets them sign in again', async () => {
    const cookie = await createUserAndSignIn(hub, admin, {
      username: 'dan',
      password: 'dan-password-12',
      role: 'user',
    });
    const id = (await api().get('/api/v1/auth/me').set('Cookie', cookie)).body.user.id as string;
    await api().patch(`/api/v1/users/${id}`).set('Cookie', admin).send({ disabled: true }).expect(200);
    await api().get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
    await api().patch(`/api/v1/users/${id}`).set('Cookie', admin).send({ disabled: false }).expect(200);
    await api().get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
    await signIn(hub, 'dan', 'dan-password-12');
  });

  it('audits user changes', async () => {
    const res = await api().get('/api/v1/audit-logs').set('Cookie', admin).expect(200);
    const actions = new Set((res.body.items as { action: string }[]).map((i) => i.action));
    for (const a of ['user.create', 'user.update', 'user.delete', 'auth.login']) expect(actions).toContain(a);
    expect(JSON.stringify(res.body)).not.toContain('password-12');
  });
});
