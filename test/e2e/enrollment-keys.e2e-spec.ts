import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AgentTokenVerifier } from '../../src/servers/agent-token.verifier.js';
import { EnrollmentService, type EnrollmentResult } from '../../src/servers/enrollment.service.js';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The agent side goes through EnrollmentService (what the agent gateway calls); admins use REST. */
describe('enrollment keys API and enrollment', () => {
  let hub: TestApp;
  let admin: string;
  let enrollment: EnrollmentService;
  const api = () => request(hub.url);
  const enroll = (
    key: string,
    machineId: string,
    hostname = `host-${machineId}`,
  ): Promise<EnrollmentResult> => enrollment.enroll({ key, hostname, machineId }, '192.0.2.10');

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
    enrollment = hub.app.get(EnrollmentService);
  });
  afterAll(async () => {
    await hub.close();
  });

  async function createKey(body: Record<string, unknown>) {
    const res = await api().post('/api/v1/enrollment-keys').set('Cookie', admin).send(body).expect(201);
    return res.body as { enrollmentKey: { id: string; prefix: string }; key: string };
  }

  it('shows the key once; lists and reads show only its prefix', async () => {
    const group = await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'Fleet' }).expect(201);
    const res = await api()
      .post('/api/v1/enrollment-keys')
      .set('Cookie', admin)
      .send({ name: 'ansible', groupId: group.body.id, tags: ['Ansible', 'eu'], maxUses: 10 })
      .expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { enrollmentKey, key } = res.body as {
      enrollmentKey: { id: string; createdBy: string };
      key: string;
    };
    expect(key).toMatch(/^hwe_[A-Za-z0-9_-]{43}$/);
    expect(enrollmentKey).toMatchObject({
      name: 'ansible',
      prefix: key.slice(4, 12),
      status: 'active',
      groupId: group.body.id,
      tags: ['ansible', 'eu'],
      maxUses: 10,
      uses: 0,
      revokedAt: null,
    });
    expect(enrollmentKey.createdBy).toBeTruthy();
    const list = await api().get('/api/v1/enrollment-keys').set('Cookie', admin).expect(200);
    const one = await api()
      .get(`/api/v1/enrollment-keys/${enrollmentKey.id}`)
      .set('Cookie', admin)
      .expect(200);
    for (const body of [list.body, one.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(key);
      expect(text).not.toContain('keyHash');
    }

    const r = await enroll(key, 'machine-a', 'a.example');
    if (!r.ok) throw new Error(r.reason);
    const server = await api().get(`/api/v1/servers/${r.server.id}`).set('Cookie', admin).expect(200);
    expect(server.body).toMatchObject({
      name: 'a.example',
      groupId: group.body.id,
      tags: ['ansible', 'eu'],
      enrollmentKeyId: enrollmentKey.id,
    });
    await expect(hub.app.get(AgentTokenVerifier).verify(r.server.id, r.token)).resolves.toMatchObject({
      id: r.server.id,
    });
  });

  it('refuses new machines once maxUses is reached; the same machine re-enrolls onto its server', async () => {
    const { enrollmentKey, key } = await createKey({ name: 'two', maxUses: 2 });
    const a = await enroll(key, 'm1');
    const b = await enroll(key, 'm2');
    expect([a.ok, b.ok]).toEqual([true, true]);
    await expect(enroll(key, 'm3')).resolves.toEqual({ ok: false, reason: 'exhausted' });
    const view = await api()
      .get(`/api/v1/enrollment-keys/${enrollmentKey.id}`)
      .set('Cookie', admin)
      .expect(200);
    expect(view.body).toMatchObject({ uses: 2, status: 'exhausted' });
    expect(view.body.lastUsedAt).toBeTruthy();

    const again = await enroll(key, 'm1');
    if (!a.ok || !again.ok) throw new Error('expected success');
    expect(again.reused).toBe(true);
    expect(again.server.id).toBe(a.server.id);
    expect(again.token).not.toBe(a.token);
    const servers = await api().get('/api/v1/servers').set('Cookie', admin).expect(200);
    const enrolled = (servers.body.items as { enrollmentKeyId: string }[]).filter(
      (s: { enrollmentKeyId: string }) => s.enrollmentKeyId === enrollmentKey.id,
    );
    expect(enrolled).toHaveLength(2);

    // raising the limit re-opens the key
    await api()
      .patch(`/api/v1/enrollment-keys/${enrollmentKey.id}`)
      .set('Cookie', admin)
      .send({ maxUses: 3 })
      .expect(200);
    await expect(enroll(key, 'm3')).resolves.toMatchObject({ ok: true, reused: false });
  });

  it('refuses an expired key, and works again when an admin extends it', async () => {
    const { enrollmentKey, key } = await createKey({ name: 'short-lived', expiresAt: Date.now() + 60_000 });
    await expect(enroll(key, 'e1')).resolves.toMatchObject({ ok: true });
    const past = new Date(Date.now() - 1000).toISOString();
    const patched = await api()
      .patch(`/api/v1/enrollment-keys/${enrollmentKey.id}`)
      .set('Cookie', admin)
      .send({ expiresAt: past })
      .expect(200);
    expect(patched.body.status).toBe('expired');
    await expect(enroll(key, 'e2')).resolves.toEqual({ ok: false, reason: 'expired' });
    await expect(enroll(key, 'e1')).resolves.toEqual({ ok: false, reason: 'expired' });
    await api()
      .patch(`/api/v1/enrollment-keys/${enrollmentKey.id}`)
      .set('Cookie', admin)
      .send({ expiresAt: null })
      .expect(200);
    await expect(enroll(key, 'e2')).resolves.toMatchObject({ ok: true });
  });

  it('revocation is final for every machine and recorded once', async () => {
    const { enrollmentKey, key } = await createKey({ name: 'to-revoke' });
    await expect(enroll(key, 'r1')).resolves.toMatchObject({ ok: true });
    const revoked = await api()
      .post(`/api/v1/enrollment-keys/${enrollmentKey.id}/revoke`)
      .set('Cookie', admin)
      .expect(200);
    expect(revoked.body.status).toBe('revoked');
    await api().post(`/api/v1/enrollment-keys/${enrollmentKey.id}/revoke`).set('Cookie', admin).expect(200);
    await expect(enroll(key, 'r1')).resolves.toEqual({ ok: false, reason: 'revoked' });
    await expect(enroll(key, 'r2')).resolves.toEqual({ ok: false, reason: 'revoked' });
    const audit = await api()
      .get('/api/v1/audit-logs')
      .query({ targetId: enrollmentKey.id })
      .set('Cookie', admin)
      .expect(200);
    const actions = (audit.body.items as { action: string; outcome: string }[]).map(
      (e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`,
    );
    expect(actions.filter((a) => a === 'enrollment-key.revoke:success')).toHaveLength(1);
    expect(actions).toContain('enrollment-key.create:success');
    expect(actions).toContain('enrollment.use:success');
    expect(actions).toContain('enrollment.use:failure');
    expect(JSON.stringify(audit.body)).not.toContain(key);
  });

  it('rejects unknown keys and bad input', async () => {
    await expect(enroll('hwe_' + 'x'.repeat(43), 'u1')).resolves.toEqual({ ok: false, reason: 'unknown' });
    await api()
      .post('/api/v1/enrollment-keys')
      .set('Cookie', admin)
      .send({ name: 'x', maxUses: 0 })
      .expect(400);
    await api()
      .post('/api/v1/enrollment-keys')
      .set('Cookie', admin)
      .send({ name: 'x', tags: ['bad tag'] })
      .expect(400);
    await api()
      .post('/api/v1/enrollment-keys')
      .set('Cookie', admin)
      .send({ name: 'x', expiresAt: 'soon' })
      .expect(400);
    await api().get('/api/v1/enrollment-keys/not-a-uuid').set('Cookie', admin).expect(400);
    await api()
      .get('/api/v1/enrollment-keys/3f1c2b9e-8d7a-4c6b-9e5f-1a2b3c4d5e6f')
      .set('Cookie', admin)
      .expect(404);
  });

  it('a user-role account can neither see nor manage enrollment keys', async () => {
    const user = await createUserAndSignIn(hub, admin, {
      username: 'key-viewer',
      password: 'key-viewer-password-01',
      role: 'user',
    });
    const { enrollmentKey } = await createKey({ name: 'visible' });
    await api().get('/api/v1/enrollment-keys').set('Cookie', user).expect(403);
    await api().get(`/api/v1/enrollment-keys/${enrollmentKey.id}`).set('Cookie', user).expect(403);
    await api().post('/api/v1/enrollment-keys').set('Cookie', user).send({ name: 'mine' }).expect(403);
    await api().post(`/api/v1/enrollment-keys/${enrollmentKey.id}/revoke`).set('Cookie', user).expect(403);
  });
});
