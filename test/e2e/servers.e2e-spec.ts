import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AgentTokenVerifier } from '../../src/servers/agent-token.verifier.js';
import { EnrollmentService } from '../../src/servers/enrollment.service.js';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('servers API', () => {
  let hub: TestApp;
  let admin: string;
  let verifier: AgentTokenVerifier;
  const api = () => request(hub.url);

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
    verifier = hub.app.get(AgentTokenVerifier);
  });
  afterAll(async () => {
    await hub.close();
  });

  async function createServer(body: Record<string, unknown>) {
    const res = await api().post('/api/v1/servers').set('Cookie', admin).send(body).expect(201);
    return res.body as { server: { id: string; tokenPrefix: string }; token: string; agentCommand: string };
  }

  it('creates a server: the token and a ready-to-paste command are shown once, never again', async () => {
    const res = await api()
      .post('/api/v1/servers')
      .set('Cookie', admin)
      .send({ name: 'web-01', tags: ['Web'] });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { server, token, agentCommand } = res.body as {
      server: { id: string };
      token: string;
      agentCommand: string;
    };
    expect(token).toMatch(/^hwa_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/);
    expect(server).toMatchObject({
      name: 'web-01',
      tags: ['web'],
      groupId: null,
      tokenPrefix: token.slice(4, 12),
    });
    expect(server).not.toHaveProperty('tokenHash');
    expect(server).not.toHaveProperty('machineId');
    // the installer of this hub, with the id and token in its environment, never in a URL or argv
    // (test/e2e/agent-install.e2e-spec.ts runs the command)
    expect(agentCommand).toBe(
      `HIVEWATCH_AGENT_ID=${server.id} HIVEWATCH_AGENT_TOKEN=${token} sh -c "$(curl -fsSL ${hub.url}/install-agent.sh)"`,
    );
    expect(agentCommand).not.toContain('--token');

    const one = await api().get(`/api/v1/servers/${server.id}`).set('Cookie', admin).expect(200);
    const list = await api().get('/api/v1/servers').set('Cookie', admin).expect(200);
    for (const body of [one.body, list.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(token);
      expect(text).not.toContain('tokenHash');
      expect(text).not.toContain('$argon2');
    }
    await expect(verifier.verify(server.id, token)).resolves.toMatchObject({ id: server.id });
  });

  it('uses the public URL for the agent command when one is configured', async () => {
    const other = await startTestApp({ HIVEWATCH_PUBLIC_URL: 'https://hub.example.com' });
    try {
      const cookie = await signIn(other);
      const res = await request(other.url)
        .post('/api/v1/servers')
        .set('Cookie', cookie)
        .send({ name: 'x' })
        .expect(201);
      expect(res.body.agentCommand).toContain('"$(curl -fsSL https://hub.example.com/install-agent.sh)"');
    } finally {
      await other.close();
    }
  });

  it('rotating the token ends the old one immediately', async () => {
    const { server, token } = await createServer({ name: 'rotate' });
    await expect(verifier.verify(server.id, token)).resolves.not.toBeNull();
    const res = await api().post(`/api/v1/servers/${server.id}/token`).set('Cookie', admin).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.token).not.toBe(token);
    expect(res.body.agentCommand).toContain(res.body.token);
    await expect(verifier.verify(server.id, token)).resolves.toBeNull();
    await expect(verifier.verify(null, token)).resolves.toBeNull();
    await expect(verifier.verify(server.id, res.body.token)).resolves.toMatchObject({ id: server.id });
  });

  it('filters by group, tag and name, with pagination and sorting', async () => {
    const group = await api()
      .post('/api/v1/groups')
      .set('Cookie', admin)
      .send({ name: 'Databases' })
      .expect(201);
    const g = group.body.id as string;
    await createServer({ name: 'pg-primary', groupId: g, tags: ['db', 'pg'] });
    await createServer({ name: 'pg-replica', groupId: g, tags: ['db', 'pg', 'replica'] });
    await createServer({ name: 'redis', tags: ['db'] });
    const names = async (query: Record<string, string | number>) => {
      const res = await api().get('/api/v1/servers').query(query).set('Cookie', admin).expect(200);
      return {
        names: (res.body.items as { name: string }[]).map((s) => s.name),
        total: res.body.total as number,
      };
    };
    expect(await names({ groupId: g, sort: 'name' })).toEqual({
      names: ['pg-primary', 'pg-replica'],
      total: 2,
    });
    expect(await names({ tag: 'REPLICA' })).toEqual({ names: ['pg-replica'], total: 1 });
    expect(await names({ tag: 'db', sort: 'name', order: 'desc', limit: 2 })).toEqual({
      names: ['redis', 'pg-replica'],
      total: 3,
    });
    expect(await names({ tag: 'db', sort: 'name', limit: 2, offset: 2 })).toEqual({
      names: ['redis'],
      total: 3,
    });
    expect(await names({ q: 'PG-', sort: 'createdAt' })).toEqual({
      names: ['pg-primary', 'pg-replica'],
      total: 2,
    });
    await api().get('/api/v1/servers').query({ sort: 'tokenHash' }).set('Cookie', admin).expect(400);
    await api().get('/api/v1/servers').query({ limit: 0 }).set('Cookie', admin).expect(400);

    const tags = await api().get('/api/v1/tags').set('Cookie', admin).expect(200);
    expect(tags.body).toEqual(
      expect.arrayContaining([
        { tag: 'db', count: 3 },
        { tag: 'pg', count: 2 },
        { tag: 'replica', count: 1 },
      ]),
    );
  });

  it('updates metadata, pricing and expiry; validates input', async () => {
    const { server } = await createServer({ name: 'billing', tags: ['a'] });
    const res = await api()
      .patch(`/api/v1/servers/${server.id}`)
      .set('Cookie', admin)
      .send({
        name: 'billing-renamed',
        tags: ['b', 'C'],
        notes: 'Hetzner',
        price: 4.99,
        currency: 'EUR',
        billingCycle: 'monthly',
        expiresAt: '2030-01-31T00:00:00Z',
        displayOrder: 3,
      })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'billing-renamed',
      tags: ['b', 'c'],
      notes: 'Hetzner',
      price: 4.99,
      currency: 'EUR',
      billingCycle: 'monthly',
      expiresAt: '2030-01-31T00:00:00.000Z',
      displayOrder: 3,
    });
    await api()
      .patch(`/api/v1/servers/${server.id}`)
      .set('Cookie', admin)
      .send({ groupId: null, price: null, billingCycle: null })
      .expect(200);
    for (const bad of [
      { billingCycle: 'weekly' },
      { tags: ['no spaces'] },
      { name: '' },
      { tokenHash: 'x' },
      { groupId: 'not-a-uuid' },
    ]) {
      await api().patch(`/api/v1/servers/${server.id}`).set('Cookie', admin).send(bad).expect(400);
    }
    await api()
      .patch(`/api/v1/servers/${server.id}`)
      .set('Cookie', admin)
      .send({ groupId: '3f1c2b9e-8d7a-4c6b-9e5f-1a2b3c4d5e6f' })
      .expect(400);
  });

  it('deletes a server and its token with it', async () => {
    const { server, token } = await createServer({ name: 'delete-me', tags: ['gone'] });
    await api().delete(`/api/v1/servers/${server.id}`).set('Cookie', admin).expect(204);
    await api().get(`/api/v1/servers/${server.id}`).set('Cookie', admin).expect(404);
    await api().delete(`/api/v1/servers/${server.id}`).set('Cookie', admin).expect(404);
    await expect(verifier.verify(server.id, token)).resolves.toBeNull();
    const tags = await api().get('/api/v1/tags').set('Cookie', admin).expect(200);
    expect((tags.body as { tag: string }[]).find((t) => t.tag === 'gone')).toBeUndefined();
  });

  it('records audit entries with actor and address', async () => {
    const { server } = await createServer({ name: 'audited' });
    const res = await api()
      .get('/api/v1/audit-logs')
      .query({ targetId: server.id })
      .set('Cookie', admin)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        action: 'server.create',
        actorType: 'user',
        actorName: 'admin',
        outcome: 'success',
      }),
    ]);
    expect(res.body.items[0].ip).toBeTruthy();
  });

  it('a user-role account can read but not change anything', async () => {
    const user = await createUserAndSignIn(hub, admin, {
      username: 'viewer',
      password: 'viewer-password-0001',
      role: 'user',
    });
    const { server } = await createServer({ name: 'read-only' });
    await api().get('/api/v1/servers').set('Cookie', user).expect(200);
    await api().get(`/api/v1/servers/${server.id}`).set('Cookie', user).expect(200);
    await api().get('/api/v1/tags').set('Cookie', user).expect(200);
    await api().post('/api/v1/servers').set('Cookie', user).send({ name: 'nope' }).expect(403);
    await api().patch(`/api/v1/servers/${server.id}`).set('Cookie', user).send({ name: 'nope' }).expect(403);
    await api().post(`/api/v1/servers/${server.id}/token`).set('Cookie', user).expect(403);
    await api().delete(`/api/v1/servers/${server.id}`).set('Cookie', user).expect(403);
    await api().get('/api/v1/servers').expect(401);
  });

  it('stores neither agent tokens nor enrollment keys in clear, in any column or in the file', async () => {
    const secrets: string[] = [];
    const { server, token } = await createServer({ name: 'scan' });
    secrets.push(token);
    const rotated = await api().post(`/api/v1/servers/${server.id}/token`).set('Cookie', admin).expect(200);
    secrets.push(rotated.body.token);
    const ek = await api()
      .post('/api/v1/enrollment-keys')
      .set('Cookie', admin)
      .send({ name: 'scan' })
      .expect(201);
    secrets.push(ek.body.key);
    const enrolled = await hub.app
      .get(EnrollmentService)
      .enroll({ key: ek.body.key, hostname: 'scan-host', machineId: 'scan-machine-id' }, null);
    if (!enrolled.ok) throw new Error(enrolled.reason);
    secrets.push(enrolled.token);
    // The secret halves alone must not appear either (the clear prefixes are public by design).
    const needles = [...secrets, ...secrets.map((s) => s.slice(-43)), 'scan-machine-id'];

    const db = hub.app.get(DataSource);
    const tables: { name: string }[] = await db.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    for (const { name } of tables) {
      const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM "${name}"`);
      const text = JSON.stringify(rows);
      for (const needle of needles) expect(text).not.toContain(needle);
    }
    const files = fs.readdirSync(hub.dataDir).filter((f) => f.startsWith('hivewatch.db'));
    expect(files).toContain('hivewatch.db');
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(hub.dataDir, f)).toString('latin1');
      for (const needle of needles) expect(bytes.includes(needle)).toBe(false);
    }
  });
});
