import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('server groups API', () => {
  let hub: TestApp;
  let admin: string;
  const api = () => request(hub.url);

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('creates, lists, renames and deletes groups', async () => {
    const created = await api()
      .post('/api/v1/groups')
      .set('Cookie', admin)
      .send({ name: ' Production ', description: 'customer-facing', displayOrder: 2 })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Production',
      description: 'customer-facing',
      displayOrder: 2,
      serverCount: 0,
    });
    const id = created.body.id as string;
    await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'Staging' }).expect(201);

    const list = await api().get('/api/v1/groups').set('Cookie', admin).expect(200);
    expect((list.body as { name: string }[]).map((g) => g.name)).toEqual(['Staging', 'Production']);

    const renamed = await api()
      .patch(`/api/v1/groups/${id}`)
      .set('Cookie', admin)
      .send({ name: 'Prod' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id, name: 'Prod', description: 'customer-facing' });

    await api().delete(`/api/v1/groups/${id}`).set('Cookie', admin).expect(204);
    const after = await api().get('/api/v1/groups').set('Cookie', admin).expect(200);
    expect((after.body as { id: string }[]).map((g) => g.id)).not.toContain(id);
    await api().patch(`/api/v1/groups/${id}`).set('Cookie', admin).send({ name: 'x' }).expect(404);
    await api().delete(`/api/v1/groups/${id}`).set('Cookie', admin).expect(404);
  });

  it('answers 409 for a duplicate name, on create and on rename', async () => {
    const a = await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'Edge' }).expect(201);
    const dup = await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'Edge' }).expect(409);
    expect(dup.body.message).toContain('Edge');
    await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'EDGE' }).expect(409);
    const b = await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'Core' }).expect(201);
    await api().patch(`/api/v1/groups/${b.body.id}`).set('Cookie', admin).send({ name: 'edge' }).expect(409);
    await api().patch(`/api/v1/groups/${a.body.id}`).set('Cookie', admin).send({ name: 'Edge' }).expect(200);
    await api().post('/api/v1/groups').set('Cookie', admin).send({ name: '' }).expect(400);
  });

  it('deleting a group leaves its servers, ungrouped', async () => {
    const g = await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'Doomed' }).expect(201);
    const s = await api()
      .post('/api/v1/servers')
      .set('Cookie', admin)
      .send({ name: 'survivor', groupId: g.body.id })
      .expect(201);
    const listed = await api().get('/api/v1/groups').set('Cookie', admin).expect(200);
    expect(
      (listed.body as { id: string; serverCount: number }[]).find((x) => x.id === g.body.id)?.serverCount,
    ).toBe(1);
    await api().delete(`/api/v1/groups/${g.body.id}`).set('Cookie', admin).expect(204);
    const server = await api().get(`/api/v1/servers/${s.body.server.id}`).set('Cookie', admin).expect(200);
    expect(server.body.groupId).toBeNull();
    const audit = await api()
      .get('/api/v1/audit-logs')
      .query({ targetId: g.body.id })
      .set('Cookie', admin)
      .expect(200);
    expect((audit.body.items as { action: string }[]).map((e) => e.action)).toEqual([
      'group.delete',
      'group.create',
    ]);
    expect(audit.body.items[0].detail).toMatchObject({ name: 'Doomed', ungroupedServers: 1 });
  });

  it('a user-role account can list groups but not create them', async () => {
    const user = await createUserAndSignIn(hub, admin, {
      username: 'group-viewer',
      password: 'group-viewer-password-1',
      role: 'user',
    });
    await api().get('/api/v1/groups').set('Cookie', user).expect(200);
    await api().post('/api/v1/groups').set('Cookie', user).send({ name: 'Mine' }).expect(403);
  });
});
