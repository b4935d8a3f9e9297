import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer, webhookGroup } from './alerts-support.js';

describe('alert rules over REST: validation, edits, disabling resolves, audit', () => {
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;

  beforeAll(async () => {
    hook = await new HookServer().start();
    hub = await startTestApp(FAST_ALERTS);
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
    await hook.stop();
  });

  const api = () => request(hub.url);

  it('refuses a unit that does not fit the metric, repeat without interval and an unknown group', async () => {
    const base = {
      name: 'bad',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 1 }],
    };
    const badUnit = await api()
      .post('/api/v1/alert-rules')
      .set('Cookie', cookie)
      .send({
        ...base,
        conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 1, unit: 'Mbit/s' }],
      })
      .expect(400);
    expect(JSON.stringify(badUnit.body)).toContain('does not fit cpu');
    await api()
      .post('/api/v1/alert-rules')
      .set('Cookie', cookie)
      .send({ ...base, trigger: 'repeat' })
      .expect(400);
    await api()
      .post('/api/v1/alert-rules')
      .set('Cookie', cookie)
      .send({ ...base, notificationGroupId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    await api()
      .post('/api/v1/alert-rules')
      .set('Cookie', cookie)
      .send({ ...base, conditions: [{ kind: 'metric', metric: 'cpu', operator: '!=', threshold: 1 }] })
      .expect(400);
  });

  it('an edit is stored; disabling a rule resolves its firing alert with a notice', async () => {
    const server = await createServer(hub.url, cookie, 'edited');
    const { groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/e`);
    const id = await createRule(hub.url, cookie, {
      name: 'temp',
      conditions: [{ kind: 'metric', metric: 'temperature', operator: '>', threshold: 90 }],
      notificationGroupId: groupId,
      scope: { mode: 'include', serverIds: [server.id] },
    });
    const patched = await api()
      .patch(`/api/v1/alert-rules/${id}`)
      .set('Cookie', cookie)
      .send({
        conditions: [{ kind: 'metric', metric: 'temperature', operator: '>=', threshold: 70, unit: 'C' }],
      })
      .expect(200);
    expect(patched.body.conditions[0]).toMatchObject({ operator: '>=', threshold: 70 });
    const stored = await api().get(`/api/v1/alert-rules/${id}`).set('Cookie', cookie).expect(200);
    expect(stored.body).toMatchObject({ name: 'temp', conditions: [{ threshold: 70, unit: 'C' }] });

    const records = hub.app.get(RecordsService);
    records.ingest(makeSample({ serverId: server.id, time: Date.now(), cpuTemperatureC: 75 }));
    await eventually(() => hook.received.length === 1, 10_000);
    await api().patch(`/api/v1/alert-rules/${id}`).set('Cookie', cookie).send({ enabled: false }).expect(200);
    await eventually(() => hook.received.length === 2, 10_000);
    expect(hook.bodies()[1]).toMatchObject({ state: 'resolved', server: 'edited', rule: 'temp' });
    expect(hook.bodies()[1]!.message).toContain('rule disabled or deleted');
    const history = await api()
      .get(`/api/v1/alerts?ruleId=${id}&state=resolved`)
      .set('Cookie', cookie)
      .expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ resolution: 'rule disabled or deleted' })]);

    await api().delete(`/api/v1/alert-rules/${id}`).set('Cookie', cookie).expect(204);
    await api().get(`/api/v1/alert-rules/${id}`).set('Cookie', cookie).expect(404);
    const audit = await api()
      .get('/api/v1/audit-logs?targetId=' + id)
      .set('Cookie', cookie)
      .expect(200);
    expect((audit.body.items as { action: string }[]).map((a) => a.action).sort()).toEqual([
      'alert-rule.create',
      'alert-rule.delete',
      'alert-rule.update',
      'alert-rule.update',
    ]);
  }, 30_000);

  it("a notification group's silence holds the firing back; lifting it sends the firing late", async () => {
    hook.received.length = 0;
    const server = await createServer(hub.url, cookie, 'night-shift');
    const { groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/s`);
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const silence = { start: hhmm(Date.now() - 3_600_000), end: hhmm(Date.now() + 3_600_000) };
    await api()
      .patch(`/api/v1/notification-groups/${groupId}`)
      .set('Cookie', cookie)
      .send({ silence })
      .expect(200);
    await createRule(hub.url, cookie, {
      name: 'swap',
      conditions: [{ kind: 'metric', metric: 'swap', operator: '>', threshold: 50 }],
      notificationGroupId: groupId,
      scope: { mode: 'include', serverIds: [server.id] },
    });
    hub.app
      .get(RecordsService)
      .ingest(makeSample({ serverId: server.id, time: Date.now(), swapPercent: 80 }));
    const firing = await eventually(async () => {
      const res = await api()
        .get(`/api/v1/alerts/active?serverId=${server.id}`)
        .set('Cookie', cookie)
        .expect(200);
      const items = res.body as { state: string; notificationCount: number }[];
      return items[0]?.state === 'firing' ? items[0] : null;
    }, 10_000);
    expect(firing).toMatchObject({ notificationCount: 0 });
    await new Promise((r) => setTimeout(r, 600));
    expect(hook.received).toHaveLength(0);
    await api()
      .patch(`/api/v1/notification-groups/${groupId}`)
      .set('Cookie', cookie)
      .send({ silence: null })
      .expect(200);
    hub.app
      .get(RecordsService)
      .ingest(makeSample({ serverId: server.id, time: Date.now(), swapPercent: 81 }));
    await eventually(() => hook.received.length === 1, 10_000);
    expect(hook.bodies()[0]).toMatchObject({ state: 'firing', server: 'night-shift', rule: 'swap' });
  }, 30_000);
});
