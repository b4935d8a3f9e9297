import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('API keys', () => {
  let hub: TestApp;
  let admin: string;
  let user: string;
  const api = () => request(hub.url);
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
    user = await createUserAndSignIn(hub, admin, {
      username: 'ops',
      password: 'ops-password-123',
      role: 'user',
    });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('shows the key once, at creation; listings never contain it', async () => {
    const res = await api()
      .post('/api/v1/api-keys')
      .set('Cookie', admin)
      .send({ name: 'ci', scope: 'admin' })
      .expect(201);
    const key = res.body.key as string;
    expect(key).toMatch(/^hw_[A-Za-z0-9_-]{43}$/);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'ci',
      scope: 'admin',
      prefix: key.slice(3, 11),
      expiresAt: null,
      createdAt: expect.any(String),
      key,
    });
    const list = await api().get('/api/v1/api-keys').set('Cookie', admin).expect(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(key.slice(3));
    expect(text).not.toMatch(/keyHash|"key"/);
    expect((list.body as { id: string }[]).find((k) => k.id === res.body.id)).toMatchObject({
      prefix: key.slice(3, 11),
    });
  });

  it('a read key reads but gets 403 on any mutation', async () => {
    const key = await createApiKey(hub, admin, 'read');
    const me = await api().get('/api/v1/auth/me').set(bearer(key)).expect(200);
    expect(me.body).toMatchObject({ via: 'api-key', scope: 'read', user: { username: 'admin' } });
    await api().get('/api/v1/api-keys').set(bearer(key)).expect(200);
    await api().post('/api/v1/api-keys').set(bearer(key)).send({ name: 'x', scope: 'read' }).expect(403);
    await api()
      .post('/api/v1/users')
      .set(bearer(key))
      .send({ username: 'x1', password: 'x1-password-123', role: 'user' })
      .expect(403);
    await api().get('/api/v1/users').set(bearer(key)).expect(403); // admin routes need an admin scope
  });

  it('an admin key mutates; its lastUsedAt is recorded', async () => {
    const key = await createApiKey(hub, admin, 'admin');
    await api()
      .post('/api/v1/users')
      .set(bearer(key))
      .send({ username: 'made-by-key', password: 'made-by-key-pass', role: 'user' })
      .expect(201);
    const list = await api().get('/api/v1/api-keys').set(bearer(key)).expect(200);
    const row = (list.body as { prefix: string; lastUsedAt: string | null }[]).find(
      (k) => k.prefix === key.slice(3, 11),
    );
    expect(row?.lastUsedAt).not.toBeNull();
  });

  it('a user-role account may create read keys only, and its key has user rights', async () => {
    await api().post('/api/v1/api-keys').set('Cookie', user).send({ name: 'u', scope: 'admin' }).expect(403);
    const key = await createApiKey(hub, user, 'read');
    await api().get('/api/v1/auth/me').set(bearer(key)).expect(200);
    await api().get('/api/v1/audit-logs').set(bearer(key)).expect(403);
  });

  it('lists own keys; only admins may list all', async () => {
    const mine = await api().get('/api/v1/api-keys').set('Cookie', user).expect(200);
    expect(mine.body.length).toBeGreaterThan(0);
    const adminOwn = await api().get('/api/v1/api-keys').set('Cookie', admin).expect(200);
    const all = await api().get('/api/v1/api-keys?all=true').set('Cookie', admin).expect(200);
    expect(all.body.length).toBe(adminOwn.body.length + mine.body.length);
    await api().get('/api/v1/api-keys?all=true').set('Cookie', user).expect(403);
  });

  it('a revoked key answers 401; only its owner or an admin may revoke it', async () => {
    const key = await createApiKey(hub, user, 'read');
    const id = (await api().get('/api/v1/api-keys').set(bearer(key))).body[0].id as string;
    const otherUser = await createUserAndSignIn(hub, admin, {
      username: 'other',
      password: 'other-password-1',
      role: 'user',
    });
    await api().delete(`/api/v1/api-keys/${id}`).set('Cookie', otherUser).expect(404);
    await api().get('/api/v1/auth/me').set(bearer(key)).expect(200);
    await api().delete(`/api/v1/api-keys/${id}`).set('Cookie', admin).expect(204);
    await api().get('/api/v1/auth/me').set(bearer(key)).expect(401);
    const own = await createApiKey(hub, user, 'read');
    const ownId = (await api().get('/api/v1/api-keys').set(bearer(own))).body[0].id as string;
    await api().delete(`/api/v1/api-keys/${ownId}`).set('Cookie', user).expect(204);
    await api().get('/api/v1/auth/me').set(bearer(own)).expect(401);
  });

  it('an expired key answers 401; expiry takes ISO or epoch milliseconds', async () => {
    const create = (expiresAt: unknown) =>
      api().post('/api/v1/api-keys').set('Cookie', admin).send({ name: 'short', scope: 'read', expiresAt });
    await create('not a date').expect(400);
    await create(Date.now() - 1000).expect(400);
    const iso = await create(new Date(Date.now() + 3_600_000).toISOString()).expect(201);
    expect(new Date(iso.body.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
    const res = await create(Date.now() + 1000).expect(201);
    await api()
      .get('/api/v1/auth/me')
      .set(bearer(res.body.key as string))
      .expect(200);
    await new Promise((r) => setTimeout(r, 1100));
    await api()
      .get('/api/v1/auth/me')
      .set(bearer(res.body.key as string))
      .expect(401);
  });

  it('keys stop working when their user is disabled', async () => {
    const cookie = await createUserAndSignIn(hub, admin, {
      username: 'gone',
      password: 'gone-password-1',
      role: 'user',
    });
    const key = await createApiKey(hub, cookie, 'read');
    const id = (await api().get('/api/v1/auth/me').set(bearer(key))).body.user.id as string;
    await api().patch(`/api/v1/users/${id}`).set('Cookie', admin).send({ disabled: true }).expect(200);
    await api().get('/api/v1/auth/me').set(bearer(key)).expect(401);
  });

  it('audits creation and revocation', async () => {
    const res = await api().get('/api/v1/audit-logs?action=api-key.create').set('Cookie', admin).expect(200);
    expect(res.body.items.length).toBeGreaterThan(3);
    const revoked = await api()
      .get('/api/v1/audit-logs?action=api-key.revoke')
      .set('Cookie', admin)
      .expect(200);
    expect(revoked.body.items.length).toBe(2);
  });
});
