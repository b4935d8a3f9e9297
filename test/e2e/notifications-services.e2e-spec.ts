import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ServiceStandIn } from '../../src/notifications/senders/services/stand-in.test-helper.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS } from './alerts-support.js';
import { notificationsApi } from './notifications-support.js';

describe('notification services through the hub: Slack, PagerDuty, Opsgenie, ntfy', () => {
  let hub: TestApp;
  let cookie: string;
  let calls: ReturnType<typeof notificationsApi>;
  const services = new ServiceStandIn();

  beforeAll(async () => {
    await services.start();
    hub = await startTestApp({ ...FAST_ALERTS });
    cookie = await signIn(hub);
    calls = notificationsApi(hub.url, cookie);
  });
  afterAll(async () => {
    await hub.close();
    await services.stop();
  });

  const api = () => request(hub.url);
  const cpu = (serverId: string, cpuPercent: number) =>
    hub.app.get(RecordsService).ingest(makeSample({ serverId, time: Date.now(), cpuPercent }));
  const receivedAt = (prefix: string) => services.received.filter((r) => r.url.startsWith(prefix));

  it('an alert triggers and resolves in PagerDuty, opens and closes in Opsgenie, posts to Slack', async () => {
    const slack = await calls.channel({
      name: 'slack ops',
      type: 'slack',
      settings: {},
      secrets: { webhookUrl: `${services.url}/slack/T0/B0/slack-token-123` },
    });
    const pd = await calls.channel({
      name: 'pagerduty',
      type: 'pagerduty',
      settings: { apiUrl: `${services.url}/pd` },
      secrets: { routingKey: 'pd-routing-key-456' },
    });
    const og = await calls.channel({
      name: 'opsgenie',
      type: 'opsgenie',
      settings: { apiUrl: `${services.url}/og` },
      secrets: { apiKey: 'og-api-key-789' },
    });
    const listed = await api().get('/api/v1/notification-channels').set('Cookie', cookie).expect(200);
    const text = JSON.stringify(listed.body);
    for (const secret of ['slack-token-123', 'pd-routing-key-456', 'og-api-key-789'])
      expect(text).not.toContain(secret);
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'slack', settings: {}, secretsSet: ['webhookUrl'] }),
        expect.objectContaining({ type: 'pagerduty', secretsSet: ['routingKey'] }),
      ]),
    );

    const server = await createServer(hub.url, cookie, 'paged-host');
    await createRule(hub.url, cookie, {
      name: 'cpu paging',
      severity: 'critical',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>=', threshold: 50 }],
      notificationGroupId: await calls.group([slack.id, pd.id, og.id], 'on-call'),
      scope: { mode: 'include', serverIds: [server.id] },
    });
    cpu(server.id, 90);
    await eventually(() => receivedAt('/pd').length >= 1 && receivedAt('/og').length >= 1, 20_000);
    cpu(server.id, 5);
    await eventually(() => receivedAt('/pd').length >= 2 && receivedAt('/og').length >= 2, 20_000);

    const [trigger, resolve] = receivedAt('/pd').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(receivedAt('/pd').map((r) => r.url)).toEqual(['/pd/v2/enqueue', '/pd/v2/enqueue']);
    expect(trigger).toMatchObject({
      routing_key: 'pd-routing-key-456',
      event_action: 'trigger',
      payload: { source: 'paged-host', severity: 'critical' },
    });
    expect(resolve).toMatchObject({ event_action: 'resolve', dedup_key: trigger!['dedup_key'] });

    const [create, close] = receivedAt('/og');
    const alias = (JSON.parse(create!.body) as { alias: string }).alias;
    expect(alias).toBe(trigger!['dedup_key']);
    expect(create!.url).toBe('/og/v2/alerts');
    expect(create!.headers.authorization).toBe('GenieKey og-api-key-789');
    expect(close!.url).toBe(`/og/v2/alerts/${alias}/close?identifierType=alias`);

    const slackPosts = receivedAt('/slack/T0/B0/slack-token-123');
    expect(slackPosts.map((r) => (JSON.parse(r.body) as { text: string }).text)).toEqual([
      '[FIRING] cpu paging on paged-host',
      '[RESOLVED] cpu paging on paged-host',
    ]);
    const log = await calls.attempts(pd.id);
    expect(log.map((a) => [a.outcome, a.responseCode])).toEqual([
      ['success', 202],
      ['success', 202],
    ]);
  }, 60_000);

  it('a 429 with Retry-After delays the retry beyond the schedule; errors never show the secret', async () => {
    const ntfy = await calls.channel({
      name: 'ntfy',
      type: 'ntfy',
      settings: { serverUrl: `${services.url}/ntfy`, topic: 'hive' },
      secrets: { token: 'tk_secret_token_1' },
    });
    services.script = [{ status: 429, headers: { 'retry-after': '2' }, body: 'slow down tk_secret_token_1' }];
    const server = await createServer(hub.url, cookie, 'busy-host');
    await createRule(hub.url, cookie, {
      name: 'cpu busy',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>=', threshold: 50 }],
      notificationGroupId: await calls.group([ntfy.id], 'push'),
      scope: { mode: 'include', serverIds: [server.id] },
    });
    cpu(server.id, 90);
    const log = await eventually(async () => {
      const rows = await calls.attempts(ntfy.id);
      return rows.length === 2 ? rows : null;
    }, 20_000);
    if (!log) throw new Error('eventually returned nothing');
    expect(log.map((a) => [a.outcome, a.responseCode])).toEqual([
      ['failure', 429],
      ['success', 202],
    ]);
    expect(log[0]!.error).toBe('ntfy: HTTP 429: slow down ***');
    // the schedule says 200 ms; the service asked for 2 s
    expect(Date.parse(log[1]!.at) - Date.parse(log[0]!.at)).toBeGreaterThanOrEqual(1900);
    const pushes = receivedAt('/ntfy/hive');
    expect(pushes.at(-1)!.headers).toMatchObject({
      authorization: 'Bearer tk_secret_token_1',
      priority: '4',
    });
  }, 40_000);

  it('bad channel settings are refused with the field named', async () => {
    const res = await api()
      .post('/api/v1/notification-channels')
      .set('Cookie', cookie)
      .send({ name: 'bad', type: 'gotify', settings: { serverUrl: 'ftp://x' }, secrets: { appToken: 'a' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('serverUrl');
    const long = await api()
      .post('/api/v1/notification-channels')
      .set('Cookie', cookie)
      .send({
        name: 'long',
        type: 'discord',
        settings: {},
        secrets: { webhookUrl: `https://discord.example/${'a'.repeat(2100)}` },
      });
    expect(long.status).toBe(400);
    const spaced = await api()
      .post('/api/v1/notification-channels')
      .set('Cookie', cookie)
      .send({ name: 'og', type: 'opsgenie', settings: {}, secrets: { apiKey: 'two words' } });
    expect(spaced.status).toBe(400);
    expect(JSON.stringify(spaced.body)).toContain('apiKey');
  });
});
