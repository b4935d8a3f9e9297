import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AlertsService } from '../../src/alerts/alerts.service.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { RestartableHub } from '../support/agents/hub.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { createRule, FAST_ALERTS, HookServer, pump, webhookGroup } from './alerts-support.js';

describe('alerts across a hub restart; offline rule', () => {
  let hook: HookServer;
  const hub = new RestartableHub({
    ...FAST_ALERTS,
    // long enough that the restart falls between the first and the second attempt
    HIVEWATCH_NOTIFY_RETRY_DELAYS_MS: '2500,200,200,200',
    HIVEWATCH_AGENT_OFFLINE_SECONDS: '1',
    HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS: '0',
  });
  let cookie: string;

  beforeAll(async () => {
    hook = await new HookServer().start();
    await hub.start();
    cookie = await signIn(hub as never);
  });
  afterAll(async () => {
    await hub.dispose();
    await hook.stop();
  });

  const states = () => hook.bodies().map((b) => `${b.state as string}:${b.server as string}`);

  it('a restart mid-alert neither re-sends the firing nor loses its queued retry or its resolution', async () => {
    const server = await createServer(hub.url, cookie, 'steady');
    const { groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/r`);
    await createRule(hub.url, cookie, {
      name: 'cpu restart',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 80 }],
      notificationGroupId: groupId,
      scope: { mode: 'include', serverIds: [server.id] },
    });
    hook.script = [503]; // the first attempt fails: a retry is queued when the hub stops
    const agent = new SeedAgent(hub.wsUrl, { serverId: server.id, token: server.token });
    await agent.connect();
    let cpu = 97;
    let reporting = pump(agent, () => ({ cpuUsagePercent: cpu }));
    await eventually(() => hook.received.length === 1, 15_000);
    reporting.stop();
    await hub.stop();
    await agent.socket.waitClosed();

    await hub.start();
    cookie = await signIn(hub as never);
    await agent.reconnect();
    reporting = pump(agent, () => ({ cpuUsagePercent: cpu }));
    try {
      // the queued retry is delivered after the restart
      await eventually(() => hook.received.length === 2, 15_000);
      expect(states()).toEqual(['firing:steady', 'firing:steady']);
      // still hot for a while: the firing alert was remembered, nothing is sent again
      await sleep(1500);
      expect(hook.received).toHaveLength(2);
      const active = await request(hub.url).get('/api/v1/alerts/active').set('Cookie', cookie).expect(200);
      expect(active.body).toEqual([expect.objectContaining({ serverId: server.id, state: 'firing' })]);
      cpu = 5;
      await eventually(() => hook.received.length === 3, 15_000);
      expect(states()[2]).toBe('resolved:steady');
      await sleep(800);
      expect(hook.received).toHaveLength(3);
    } finally {
      reporting.stop();
      agent.close();
    }
  }, 60_000);

  it('offline for N seconds fires, and the agent coming back resolves it', async () => {
    hook.received.length = 0;
    const server = await createServer(hub.url, cookie, 'flaky-link');
    const { groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/o`);
    await createRule(hub.url, cookie, {
      name: 'down',
      severity: 'critical',
      conditions: [{ kind: 'offline', seconds: 2 }],
      notificationGroupId: groupId,
      scope: { mode: 'include', serverIds: [server.id] },
    });
    const agent = new SeedAgent(hub.wsUrl, { serverId: server.id, token: server.token });
    await agent.connect();
    agent.sendMetrics();
    await sleep(500);
    const closedAt = Date.now();
    agent.close();
    await eventually(() => hook.received.length === 1, 15_000);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(2000);
    expect(hook.bodies()[0]).toMatchObject({ state: 'firing', server: 'flaky-link', metric: 'offline' });
    await agent.reconnect();
    await eventually(() => hook.received.length === 2, 15_000);
    expect(hook.bodies()[1]).toMatchObject({ state: 'resolved', server: 'flaky-link' });
    agent.close();
  }, 40_000);

  it('an acknowledgement and a snooze survive a restart', async () => {
    const server = await createServer(hub.url, cookie, 'acked-before-restart');
    const ruleId = await createRule(hub.url, cookie, {
      name: 'hot before restart',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 80 }],
      scope: { mode: 'include', serverIds: [server.id] },
    });
    hub.get(RecordsService).ingest(makeSample({ serverId: server.id, time: Date.now(), cpuPercent: 97 }));
    await hub.get(AlertsService).tick();
    const [alert] = hub.get(AlertsService).activeAlerts(server.id);
    expect(alert).toMatchObject({ ruleId, state: 'firing' });
    const api = () => request(hub.url);
    await api()
      .post(`/api/v1/alerts/${alert!.id}/acknowledge`)
      .set('Cookie', cookie)
      .send({ comment: 'known' })
      .expect(201);
    const snoozed = await api()
      .post(`/api/v1/alerts/${alert!.id}/snooze`)
      .set('Cookie', cookie)
      .send({ minutes: 240 })
      .expect(201);

    await hub.stop();
    await hub.start();
    cookie = await signIn(hub as never);
    const active = await api().get(`/api/v1/alerts/active?serverId=${server.id}`).set('Cookie', cookie);
    expect(active.body).toEqual([
      expect.objectContaining({
        id: alert!.id,
        acknowledgedBy: 'admin',
        ackComment: 'known',
        snoozedUntil: snoozed.body.snoozedUntil as number,
      }),
    ]);
  }, 40_000);
});
