import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { publicStatusDaySchema, publicStatusPageSchema } from '@hivewatch/protocol';
import request from 'supertest';
import { StatusCache } from '../../src/status/status-cache.js';
import { eventually, sleep } from '../support/agents/fixtures.js';
import type { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer, pump, webhookGroup } from './alerts-support.js';
import { composePage, openApiIncident, serverWithAgent } from './support/status-pages-support.js';

const HIDDEN = { name: 'hidden-db-xk7', hostname: 'secret-host-zq9', ipAddress: '203.0.113.77' };
const API_HOST = { hostname: 'api-box-internal', ipAddress: '10.9.8.7' };

describe('public status pages', () => {
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;
  const agents: SeedAgent[] = [];
  let ids: { web: string; api: string; hidden: string };
  let page: { pageId: string; webComponent: string; apiComponent: string };

  const json = (slug = 'acme') => request(hub.url).get(`/api/v1/status/${slug}`);
  const html = (slug = 'acme') => request(hub.url).get(`/status/${slug}`);
  const fresh = () => hub.app.get(StatusCache).invalidate();

  beforeAll(async () => {
    // HIVEWATCH_TEST_DATABASE_URL: run the same checks on PostgreSQL (an empty database).
    const db = process.env.HIVEWATCH_TEST_DATABASE_URL;
    hub = await startTestApp({
      ...FAST_ALERTS,
      HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS: '0',
      ...(db ? { DATABASE_URL: db } : {}),
    });
    hook = await new HookServer().start();
    cookie = await signIn(hub);
    const web = await serverWithAgent(hub.url, cookie, 'web-internal-1', {
      hostname: 'web-box-internal',
      ipAddress: '198.51.100.10',
    });
    const api = await serverWithAgent(hub.url, cookie, 'api-internal-2', API_HOST);
    const hidden = await serverWithAgent(hub.url, cookie, HIDDEN.name, HIDDEN);
    agents.push(web.agent, api.agent, hidden.agent);
    ids = { web: web.id, api: api.id, hidden: hidden.id };
    page = await composePage(hub.url, cookie, 'acme', ids.web, ids.api);
  }, 60_000);
  afterAll(async () => {
    for (const a of agents) a.close();
    await hub.close();
    await hook.stop();
  });

  it('shows listed components, their states and an incident to anyone, and nothing unlisted', async () => {
    agents[1]!.close(); // the API server goes offline
    await eventually(async () => {
      fresh();
      const body = (await json().expect(200)).body as { groups: { components: { state: string }[] }[] };
      return body.groups[0]!.components[1]!.state === 'down';
    }, 10_000);
    const incidentId = await openApiIncident(hub.url, cookie, page, 'Looking into it.');
    await request(hub.url)
      .post(`/api/v1/status-pages/${page.pageId}/incidents/${incidentId}/updates`)
      .set('Cookie', cookie)
      .send({ status: 'identified', message: 'A failed disk; replacing it.' })
      .expect(201);

    const res = await json().expect(200);
    const body = publicStatusPageSchema.parse(res.body);
    expect(body).toMatchObject({ title: 'Acme Cloud Status', state: 'partial_outage' });
    const [website, api] = body.groups[0]!.components;
    expect(website).toMatchObject({ name: 'Website', state: 'operational', address: '198.51.100.10' });
    expect(api).toMatchObject({ name: 'Public API', state: 'down', address: null });
    expect(website!.days).toHaveLength(90);
    expect(website!.days.at(-1)!.uptimePercent).toBe(100);
    expect(api!.days.at(-1)!.uptimePercent).toBeLessThan(100);
    expect(body.incidents).toEqual([
      expect.objectContaining({
        title: 'API unreachable',
        status: 'identified',
        componentIds: [page.apiComponent],
      }),
    ]);
    expect(body.incidents[0]!.updates.map((u) => u.message)).toEqual([
      'A failed disk; replacing it.',
      'Looking into it.',
    ]);

    const page1 = await html().expect(200);
    expect(page1.headers['content-type']).toMatch(/text\/html/);
    expect(page1.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-/);
    expect(page1.text).not.toMatch(/<script/i);
    for (const text of ['Website', 'Public API', 'Operational', 'Down', 'API unreachable', 'A failed disk'])
      expect(page1.text).toContain(text);

    const today = website!.days.at(-1)!.date;
    const day = await request(hub.url).get(`/api/v1/status/acme/day/${today}`).expect(200);
    const parsed = publicStatusDaySchema.parse(day.body);
    expect(parsed.components.find((c) => c.name === 'Public API')!.outages).toHaveLength(1);
    expect(parsed.incidents.map((i) => i.title)).toEqual(['API unreachable']);
    const dayHtml = await request(hub.url).get(`/status/acme/day/${today}`).expect(200);
    expect(dayHtml.text).toContain('API unreachable');

    // Nothing of what the page does not list: the hidden server, hostnames, ids, the unlisted address.
    const secrets = [HIDDEN.name, HIDDEN.hostname, HIDDEN.ipAddress, ids.hidden, ids.web, ids.api];
    secrets.push(
      'web-internal-1',
      'api-internal-2',
      'web-box-internal',
      API_HOST.hostname,
      API_HOST.ipAddress,
    );
    for (const text of [JSON.stringify(res.body), page1.text, JSON.stringify(day.body), dayHtml.text])
      for (const secret of secrets) expect(text).not.toContain(secret);
  }, 60_000);

  it('answers 404 alike for an unpublished or unknown page', async () => {
    await composePage(hub.url, cookie, 'draft', ids.web, ids.api, false);
    const [a, b] = [await json('draft'), await json('no-such-page')];
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.body).toEqual(b.body);
    const [c, d] = [await html('draft'), await html('no-such-page')];
    expect([c.status, d.status]).toEqual([404, 404]);
    expect(c.text).toBe(d.text);
    expect((await request(hub.url).get('/status/acme/day/1999-01-01')).status).toBe(404);
  });

  it('an admin edit shows at once; anonymous callers cannot edit', async () => {
    await request(hub.url).get('/api/v1/status-pages').expect(401);
    const detail = await request(hub.url)
      .get(`/api/v1/status-pages/${page.pageId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(detail.body.groups[0].components[0]).toMatchObject({
      serverName: 'web-internal-1',
      publicName: 'Website',
    });
    const list = await request(hub.url).get('/api/v1/status-pages').set('Cookie', cookie).expect(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ slug: 'acme', published: true, componentCount: 2, activeIncidents: 1 }),
        expect.objectContaining({ slug: 'draft', published: false, componentCount: 2, activeIncidents: 0 }),
      ]),
    );
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=incident.create')
      .set('Cookie', cookie)
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
  });

  it('holds back notifications of servers under maintenance, and shows the window', async () => {
    const { groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/alert`);
    await request(hub.url)
      .post(`/api/v1/status-pages/${page.pageId}/maintenance`)
      .set('Cookie', cookie)
      .send({
        title: 'Database upgrade',
        componentIds: [page.webComponent],
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    await createRule(hub.url, cookie, {
      name: 'Hot CPU',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 80, durationSeconds: 0 }],
      notificationGroupId: groupId,
    });
    const pumps = [
      pump(agents[0]!, () => ({ cpuUsagePercent: 95 })),
      pump(agents[2]!, () => ({ cpuUsagePercent: 95 })),
    ];
    try {
      await eventually(() => hook.received.some((r) => r.body.includes(HIDDEN.name)), 15_000);
      await eventually(async () => {
        const active = await request(hub.url).get('/api/v1/alerts/active').set('Cookie', cookie).expect(200);
        return (active.body as { serverId: string; state: string }[]).some(
          (a) => a.serverId === ids.web && a.state === 'firing',
        );
      }, 10_000);
      await sleep(1000);
      expect(hook.received.filter((r) => r.body.includes('web-internal-1'))).toEqual([]);
    } finally {
      for (const p of pumps) p.stop();
    }
    const body = publicStatusPageSchema.parse((await json().expect(200)).body);
    expect(body.groups[0]!.components[0]!.state).toBe('maintenance');
    expect(body.maintenance).toEqual([expect.objectContaining({ title: 'Database upgrade', active: true })]);
  }, 60_000);

  it('rate-limits the JSON per client address with Retry-After', async () => {
    let limited: request.Response | undefined;
    for (let i = 0; i < 70 && !limited; i++) {
      const res = await json();
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
