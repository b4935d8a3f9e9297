import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { SeedAgent, seedMetrics } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer, webhookGroup } from './alerts-support.js';

/** One interface with cumulative counters (what our agent reports); rates are ignored when counters exist. */
const counters = (rx: number, tx: number) => ({
  networkInterfaces: [
    { ...(seedMetrics().networkInterfaces as object[])[0], netRxBytes: rx, netTxBytes: tx },
  ],
});

describe('traffic accounting and a quota rule, across a counter reset', () => {
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;

  beforeAll(async () => {
    hook = await new HookServer().start();
    hub = await startTestApp({ ...FAST_ALERTS, HIVEWATCH_TRAFFIC_FLUSH_SECONDS: '1' });
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
    await hook.stop();
  });

  it('counts deltas, a reset as traffic from zero, and fires the quota alert at the quota', async () => {
    const server = await createServer(hub.url, cookie, 'metered');
    const { groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/quota`);
    await request(hub.url)
      .put(`/api/v1/servers/${server.id}/traffic/settings`)
      .set('Cookie', cookie)
      .send({ cycle: 'monthly', startDay: 1 })
      .expect(200);
    await createRule(hub.url, cookie, {
      name: 'monthly inbound quota',
      conditions: [{ kind: 'traffic', direction: 'in', quota: 1, unit: 'MB' }],
      notificationGroupId: groupId,
      scope: { mode: 'include', serverIds: [server.id] },
    });
    const agent = new SeedAgent(hub.url.replace(/^http/, 'ws') + '/api/v1/agents/ws', {
      serverId: server.id,
      token: server.token,
    });
    await agent.connect();
    const usage = async () =>
      (await request(hub.url).get(`/api/v1/servers/${server.id}/traffic`).set('Cookie', cookie).expect(200))
        .body as { inBytes: number; outBytes: number; projectedInBytes: number; cycle: string };
    const send = async (rx: number, tx: number, uptime: number) => {
      agent.sendMetrics({ ...counters(rx, tx), uptimeSeconds: uptime });
      await sleep(150);
    };

    await send(5_000_000, 1_000_000, 1000); // baseline: nothing counted yet
    await send(5_400_000, 1_100_000, 1001); // +400 kB in, +100 kB out
    await eventually(async () => (await usage()).inBytes === 400_000);
    // the host rebooted: counters restart from zero, and what they show is new traffic
    await send(300_000, 50_000, 5);
    await eventually(async () => (await usage()).inBytes === 700_000);
    await sleep(600);
    expect(hook.received).toHaveLength(0); // 0.7 MB of 1 MB
    await send(600_000, 60_000, 10); // +300 kB: exactly 1 MB in
    await eventually(() => hook.received.length === 1, 15_000);
    expect(hook.bodies()[0]).toMatchObject({
      state: 'firing',
      server: 'metered',
      metric: 'traffic in',
      value: '1',
      threshold: '1',
      unit: 'MB',
    });
    const u = await usage();
    expect(u).toMatchObject({ inBytes: 1_000_000, outBytes: 160_000, cycle: 'monthly' });
    expect(u.projectedInBytes).toBeGreaterThanOrEqual(1_000_000);

    // written to hourly and daily rows by the flush
    const history = await eventually(async () => {
      const res = await request(hub.url)
        .get(`/api/v1/servers/${server.id}/traffic/history?resolution=daily`)
        .set('Cookie', cookie)
        .expect(200);
      const points = res.body.points as { inBytes: number; outBytes: number }[];
      return points.length > 0 && points.reduce((a, p) => a + p.inBytes, 0) === 1_000_000 ? points : null;
    }, 10_000);
    if (!history) throw new Error('eventually returned nothing');
    expect(history.reduce((a, p) => a + p.outBytes, 0)).toBe(160_000);
    const hourly = await request(hub.url)
      .get(`/api/v1/servers/${server.id}/traffic/history?resolution=hourly`)
      .set('Cookie', cookie)
      .expect(200);
    const hourlyPoints = hourly.body.points as { inBytes: number }[];
    expect(hourlyPoints.reduce((a, p) => a + p.inBytes, 0)).toBe(1_000_000);
    agent.close();
  }, 40_000);
});
