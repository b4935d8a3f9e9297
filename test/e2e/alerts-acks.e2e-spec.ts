import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { AlertsService } from '../../src/alerts/alerts.service.js';
import { Clock } from '../../src/common/auth/clock.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer, webhookGroup } from './alerts-support.js';

const MIN = 60_000;

/**
 * Acknowledging and snoozing firing alerts, with the real evaluator and the real notification
 * queue: the hub's clock is moved by the test, which also runs the evaluator's ticks.
 */
describe('alert acknowledgement and snooze', () => {
  let hub: TestApp;
  let hook: HookServer;
  let admin: string;
  let operator: string;
  let now = Date.now();

  beforeAll(async () => {
    hook = await new HookServer().start();
    hub = await startTestApp({ ...FAST_ALERTS, HIVEWATCH_ALERTS_EVAL_MS: '600000' });
    admin = await signIn(hub);
    operator = await createUserAndSignIn(hub, admin, {
      username: 'on-call',
      password: 'on-call-password-0001',
      role: 'user',
    });
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await hub.close();
    await hook.stop();
  });

  const api = () => request(hub.url);
  /** One reporting interval: a sample at the hub's (moved) time, then an evaluation. */
  const step = async (serverId: string, cpu: number, advanceMs: number) => {
    now += advanceMs;
    hub.app.get(RecordsService).ingest(makeSample({ serverId, time: now, cpuPercent: cpu }));
    await hub.app.get(AlertsService).tick();
  };
  /** Hook requests for one server, settled (the queue polls every 100 ms). */
  const sent = async (server: string, expected: number) => {
    const of = () => hook.bodies().filter((b) => b.server === server);
    await eventually(() => of().length >= expected, 10_000);
    await sleep(400);
    return of().map((b) => b.state as string);
  };
  /** A server with a repeating rule whose alert fires now (first notification queued). */
  const firing = async (name: string) => {
    const server = await createServer(hub.url, admin, name);
    const { groupId } = await webhookGroup(hub.url, admin, `${hook.url}/${name}`);
    await createRule(hub.url, admin, {
      name: `hot ${name}`,
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 80 }],
      trigger: 'repeat',
      repeatMinutes: 1,
      notificationGroupId: groupId,
      scope: { mode: 'include', serverIds: [server.id] },
    });
    await step(server.id, 97, 1000);
    const [alert] = hub.app.get(AlertsService).activeAlerts(server.id);
    expect(alert).toMatchObject({ state: 'firing', acknowledgedAt: null, snoozedUntil: null });
    return { serverId: server.id, alertId: alert!.id };
  };

  it('an acknowledged alert sends no repeat; its resolution is still sent and clears the acknowledgement', async () => {
    const { serverId, alertId } = await firing('acked');
    await step(serverId, 97, MIN + 1000);
    expect(await sent('acked', 2)).toEqual(['firing', 'firing']);

    const acked = await api()
      .post(`/api/v1/alerts/${alertId}/acknowledge`)
      .set('Cookie', operator)
      .send({ comment: 'disk cleanup running' })
      .expect(201);
    expect(acked.body).toMatchObject({
      id: alertId,
      acknowledgedBy: 'on-call',
      acknowledgedAt: now,
      ackComment: 'disk cleanup running',
    });
    for (let i = 0; i < 3; i++) await step(serverId, 97, MIN + 1000);
    expect(await sent('acked', 2)).toEqual(['firing', 'firing']);
    const active = await api().get(`/api/v1/alerts/active?serverId=${serverId}`).set('Cookie', admin);
    expect(active.body).toEqual([expect.objectContaining({ id: alertId, acknowledgedBy: 'on-call' })]);
    const history = await api().get(`/api/v1/alerts?serverId=${serverId}`).set('Cookie', admin);
    expect(history.body.items[0]).toMatchObject({
      acknowledgedBy: 'on-call',
      acknowledgedAt: new Date(acked.body.acknowledgedAt as number).toISOString(),
    });

    await step(serverId, 5, 5000);
    expect(await sent('acked', 3)).toEqual(['firing', 'firing', 'resolved']);
    const resolved = await api().get(`/api/v1/alerts?serverId=${serverId}`).set('Cookie', admin);
    expect(resolved.body.items[0]).toMatchObject({
      state: 'resolved',
      acknowledgedAt: null,
      snoozedUntil: null,
    });
    // a resolved alert cannot be acknowledged; a re-fire is a new, unacknowledged alert that repeats
    await api().post(`/api/v1/alerts/${alertId}/acknowledge`).set('Cookie', operator).send({}).expect(409);
    await step(serverId, 97, 5000);
    await step(serverId, 97, MIN + 1000);
    expect(await sent('acked', 5)).toEqual(['firing', 'firing', 'resolved', 'firing', 'firing']);

    const audit = await api()
      .get('/api/v1/audit-logs?action=alert.acknowledge')
      .set('Cookie', admin)
      .expect(200);
    expect(JSON.stringify(audit.body)).toContain(alertId);
  }, 60_000);

  it('a snoozed alert is silent until the snooze ends; ending a snooze resumes at once', async () => {
    const { serverId, alertId } = await firing('snoozed');
    const snoozed = await api()
      .post(`/api/v1/alerts/${alertId}/snooze`)
      .set('Cookie', operator)
      .send({ minutes: 10 })
      .expect(201);
    expect(snoozed.body.snoozedUntil).toBe(now + 10 * MIN);
    for (let i = 0; i < 9; i++) await step(serverId, 97, MIN);
    expect(await sent('snoozed', 1)).toEqual(['firing']);
    await step(serverId, 97, MIN + 1000); // past the snooze: the overdue repeat goes out
    expect(await sent('snoozed', 2)).toEqual(['firing', 'firing']);

    await api()
      .post(`/api/v1/alerts/${alertId}/snooze`)
      .set('Cookie', operator)
      .send({ until: new Date(now + 24 * 60 * MIN).toISOString() })
      .expect(201);
    await step(serverId, 97, 2 * MIN);
    expect(await sent('snoozed', 2)).toHaveLength(2);
    const ended = await api().delete(`/api/v1/alerts/${alertId}/snooze`).set('Cookie', operator).expect(200);
    expect(ended.body.snoozedUntil).toBeNull();
    await step(serverId, 97, 1000);
    expect(await sent('snoozed', 3)).toEqual(['firing', 'firing', 'firing']);
  }, 60_000);

  it('refuses bad acknowledgements and snoozes with a clear error', async () => {
    const { alertId } = await firing('refused');
    const post = (path: string, body: unknown) =>
      api()
        .post(`/api/v1/alerts/${alertId}/${path}`)
        .set('Cookie', operator)
        .send(body as object);
    await post('acknowledge', { comment: 'x'.repeat(501) }).expect(400);
    await post('snooze', { minutes: 0 }).expect(400);
    await post('snooze', { minutes: 30 * 1440 + 1 }).expect(400);
    await post('snooze', {}).expect(400);
    const tooFar = await post('snooze', { until: new Date(now + 31 * 1440 * MIN).toISOString() }).expect(400);
    expect(JSON.stringify(tooFar.body)).toContain('30 days');
    await post('snooze', { until: new Date(now - MIN).toISOString() }).expect(400);
    await api()
      .post('/api/v1/alerts/00000000-0000-4000-8000-000000000000/acknowledge')
      .set('Cookie', operator)
      .send({})
      .expect(404);
  }, 30_000);
});
