import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiAlertFrameSchema, browserFrameSchema } from '@hivewatch/protocol';
import request from 'supertest';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openWs, wsUrl, type WsClient } from '../support/ws-client.js';
import { createRule, FAST_ALERTS, HookServer, pump, webhookGroup } from './alerts-support.js';

describe('CPU alert → webhook, resolution, browser and seed-001 frames', () => {
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;
  const sockets: WsClient[] = [];

  beforeAll(async () => {
    hub = await startTestApp({ ...FAST_ALERTS, HIVEWATCH_PUBLIC_URL: 'https://hub.example' });
    hook = await new HookServer().start();
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await hub.close();
    await hook.stop();
  });

  it('fires after the duration with the rendered body, then resolves with a notice', async () => {
    const server = await createServer(hub.url, cookie, 'web-1');
    const { channelId, groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/alert`, {
      bodyTemplate:
        '{"text":"{{state}} {{rule}} on {{server}}: {{metric}} {{value}} (threshold {{threshold}}) at {{time}}","link":"{{link}}"}',
    });
    await createRule(hub.url, cookie, {
      name: 'High "CPU"',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 80, durationSeconds: 1 }],
      notificationGroupId: groupId,
    });
    const browser = await openWs(wsUrl(hub.url, '/api/v1/ws'), { cookie, origin: 'https://hub.example' });
    sockets.push(browser);
    const token = (await request(hub.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(201)).body
      .accessToken as string;
    const stream = await openWs(wsUrl(hub.url, `/api/v1/ws/metrics/${server.id}`));
    sockets.push(stream);
    stream.send({ type: 'auth', token });

    const agent = new SeedAgent(hub.url.replace(/^http/, 'ws') + '/api/v1/agents/ws', {
      serverId: server.id,
      token: server.token,
    });
    await agent.connect();
    let cpu = 95;
    const reporting = pump(agent, () => ({ cpuUsagePercent: cpu }));
    try {
      const startedHot = Date.now();
      await eventually(() => hook.received.length >= 1, 15_000);
      // the duration is judged on samples: not before a second of samples over the threshold
      expect(Date.now() - startedHot).toBeGreaterThanOrEqual(900);
      const firing = hook.received[0]!;
      expect(firing.method).toBe('POST');
      expect(firing.url).toBe('/alert');
      expect(firing.headers.authorization).toBe('Bearer hook-secret-123');
      const body = JSON.parse(firing.body) as { text: string; link: string };
      expect(body.text).toMatch(/^firing High "CPU" on web-1: CPU 95 \(threshold 80\) at \d{4}-\d\d-\d\dT/);
      expect(body.link).toBe(`https://hub.example/servers/${server.id}`);

      const active = await request(hub.url).get('/api/v1/alerts/active').set('Cookie', cookie).expect(200);
      expect(active.body).toEqual([
        expect.objectContaining({ serverId: server.id, state: 'firing', value: 95 }),
      ]);
      const triggered = await browser.next((f) => f.type === 'alert', 5000);
      expect(browserFrameSchema.parse(triggered)).toEqual(triggered);
      expect(triggered.alert).toMatchObject({ serverId: server.id, state: 'triggered', serverName: 'web-1' });
      const apiFrame = await stream.next((f) => f.type === 'alert', 5000);
      expect(apiAlertFrameSchema.parse(apiFrame).data).toMatchObject({
        server_id: server.id,
        state: 'triggered',
      });

      // held high for a while longer: `once` sends nothing more
      await new Promise((r) => setTimeout(r, 800));
      expect(hook.received).toHaveLength(1);

      cpu = 10;
      await eventually(() => hook.received.length >= 2, 15_000);
      const resolved = JSON.parse(hook.received[1]!.body) as { text: string };
      expect(resolved.text).toMatch(/^resolved High "CPU" on web-1: CPU 10 \(threshold 80\)/);
      await browser.next(
        (f) => f.type === 'alert' && (f.alert as { state: string }).state === 'resolved',
        5000,
      );
      await stream.next(
        (f) => f.type === 'alert' && (f.data as { state: string }).state === 'resolved',
        5000,
      );
    } finally {
      reporting.stop();
      agent.close();
    }

    const history = await request(hub.url)
      .get(`/api/v1/alerts?serverId=${server.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ state: 'resolved', resolution: 'conditions cleared', notificationCount: 1 }),
    ]);
    const log = await eventually(async () => {
      const res = await request(hub.url)
        .get(`/api/v1/notification-attempts?channelId=${channelId}`)
        .set('Cookie', cookie)
        .expect(200);
      const items = res.body.items as { outcome: string; responseCode: number }[];
      return items.length === 2 ? items : null;
    });
    if (!log) throw new Error('eventually returned nothing');
    expect(log.map((a) => [a.outcome, a.responseCode])).toEqual([
      ['success', 200],
      ['success', 200],
    ]);
    // the header secret is write-only
    const channels = await request(hub.url)
      .get('/api/v1/notification-channels')
      .set('Cookie', cookie)
      .expect(200);
    expect(JSON.stringify(channels.body)).not.toContain('hook-secret-123');
    expect(channels.body[0].secretsSet).toEqual(['headers.Authorization']);
  }, 60_000);
});
