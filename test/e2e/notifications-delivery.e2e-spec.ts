import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer } from './alerts-support.js';
import { notificationsApi } from './notifications-support.js';

describe('notification delivery: retries, SMTP, Telegram, Bark, delivery log', () => {
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const mails: ParsedMail[] = [];
  const smtpLogins: string[] = [];

  beforeAll(async () => {
    hook = await new HookServer().start();
    hub = await startTestApp({ ...FAST_ALERTS, HIVEWATCH_TELEGRAM_API_URL: `${hook.url}/tg` });
    cookie = await signIn(hub);
    smtp = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        smtpLogins.push(`${auth.username}:${auth.password}`);
        if (auth.username === 'alerts' && auth.password === 'smtp-pass-42')
          callback(null, { user: 'alerts' });
        else callback(new Error('bad credentials'));
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await hub.close();
    await hook.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const api = () => request(hub.url);
  const channel = (body: Record<string, unknown>) => notificationsApi(hub.url, cookie).channel(body);
  const group = (channelIds: string[]) => notificationsApi(hub.url, cookie).group(channelIds);
  const attempts = (channelId: string) => notificationsApi(hub.url, cookie).attempts(channelId);
  const heat = (serverId: string, cpuPercent: number) =>
    hub.app.get(RecordsService).ingest(makeSample({ serverId, time: Date.now(), cpuPercent }));

  it('a channel that fails 3 times is retried on the schedule, then delivered, every attempt logged', async () => {
    hook.script = [500, 502, 503];
    const hookChannel = await channel({
      name: 'flaky',
      type: 'webhook',
      settings: { url: `${hook.url}/flaky` },
    });
    const server = await createServer(hub.url, cookie, 'flaky-host');
    await createRule(hub.url, cookie, {
      name: 'cpu flaky',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>=', threshold: 50 }],
      notificationGroupId: await group([hookChannel.id]),
      scope: { mode: 'include', serverIds: [server.id] },
    });
    heat(server.id, 90);
    const log = await eventually(async () => {
      const rows = await attempts(hookChannel.id);
      return rows.length === 4 ? rows : null;
    }, 20_000);
    if (!log) throw new Error('eventually returned nothing');
    expect(log.map((a) => [a.attempt, a.outcome, a.responseCode])).toEqual([
      [1, 'failure', 500],
      [2, 'failure', 502],
      [3, 'failure', 503],
      [4, 'success', 200],
    ]);
    expect(log[0]!.error).toBe('HTTP 500: try again');
    expect(log[3]!.summary).toBe('firing: cpu flaky on flaky-host');
    const flaky = hook.received.filter((r) => r.url === '/flaky');
    expect(flaky).toHaveLength(4);
    expect(new Set(flaky.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(flaky[0]!.body)).toMatchObject({ state: 'firing', server: 'flaky-host', value: '90' });
    const deliveries = await api()
      .get(`/api/v1/notification-deliveries?channelId=${hookChannel.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(deliveries.body.items).toEqual([expect.objectContaining({ status: 'delivered', attempts: 4 })]);
  }, 40_000);

  it('e-mail over SMTP (auth, plain text and HTML), delivered to a real SMTP server and parsed', async () => {
    const mail = await channel({
      name: 'ops mail',
      type: 'email',
      settings: {
        host: '127.0.0.1',
        port: smtpPort,
        tlsMode: 'none',
        username: 'alerts',
        from: 'hivewatch@example.test',
        to: ['ops@example.test'],
      },
      secrets: { password: 'smtp-pass-42' },
    });
    const shown = await api()
      .get(`/api/v1/notification-channels/${mail.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(shown.body.secretsSet).toEqual(['password']);
    expect(JSON.stringify(shown.body)).not.toContain('smtp-pass-42');

    const server = await createServer(hub.url, cookie, 'mail-host');
    await createRule(hub.url, cookie, {
      name: 'memory high',
      severity: 'critical',
      conditions: [{ kind: 'metric', metric: 'mem', operator: '>', threshold: 90 }],
      notificationGroupId: await group([mail.id]),
      scope: { mode: 'include', serverIds: [server.id] },
    });
    hub.app
      .get(RecordsService)
      .ingest(makeSample({ serverId: server.id, time: Date.now(), memPercent: 97.5 }));
    await eventually(() => mails.length >= 1, 20_000);
    const m = mails[0]!;
    expect(smtpLogins).toContain('alerts:smtp-pass-42');
    expect(m.subject).toBe('[FIRING] memory high on mail-host');
    expect(m.from?.text).toBe('hivewatch@example.test');
    expect(m.text).toContain('memory 97.5 % > 90 %');
    expect(m.text).toContain('Rule: memory high (critical)');
    expect(m.html).toContain('<h2');
    expect(m.html).toContain('memory high on mail-host');
    const log = await eventually(async () => {
      const rows = await attempts(mail.id);
      return rows.length === 1 ? rows : null;
    });
    if (!log) throw new Error('eventually returned nothing');
    expect(log[0]).toMatchObject({ outcome: 'success', responseCode: 250 });

    // wrong password: the failure is logged without the secret
    await api()
      .patch(`/api/v1/notification-channels/${mail.id}`)
      .set('Cookie', cookie)
      .send({ secrets: { password: 'wrong-pass-77' } })
      .expect(200);
    const test = await api()
      .post(`/api/v1/notification-channels/${mail.id}/test`)
      .set('Cookie', cookie)
      .expect(200);
    expect(test.body).toMatchObject({ outcome: 'failure' });
    expect(test.body.error).not.toContain('wrong-pass-77');
  }, 40_000);

  it('Telegram and Bark: "send test" reaches the configured base URLs', async () => {
    const tg = await channel({
      name: 'tg',
      type: 'telegram',
      settings: { chatId: '-100123' },
      secrets: { botToken: '123456:telegram-token' },
    });
    const bark = await channel({
      name: 'bark',
      type: 'bark',
      settings: { serverUrl: `${hook.url}/bark` },
      secrets: { deviceKey: 'bark-device-key' },
    });
    const tgRes = await api()
      .post(`/api/v1/notification-channels/${tg.id}/test`)
      .set('Cookie', cookie)
      .expect(200);
    expect(tgRes.body).toMatchObject({ outcome: 'success', responseCode: 200 });
    const sent = hook.received.find((r) => r.url === '/tg/bot123456:telegram-token/sendMessage');
    expect(JSON.parse(sent!.body)).toMatchObject({
      chat_id: '-100123',
      text: expect.stringContaining('test'),
    });
    await api().post(`/api/v1/notification-channels/${bark.id}/test`).set('Cookie', cookie).expect(200);
    const pushed = hook.received.find((r) => r.url === '/bark/push');
    expect(JSON.parse(pushed!.body)).toMatchObject({
      device_key: 'bark-device-key',
      title: expect.any(String),
    });
    const list = await api().get('/api/v1/notification-channels').set('Cookie', cookie).expect(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('telegram-token');
    expect(text).not.toContain('bark-device-key');
  });

  it('a channel whose secrets no longer open fails its delivery once, visibly, instead of retrying forever', async () => {
    const unreadable = await channel({
      name: 'sealed-under-an-old-key',
      type: 'webhook',
      settings: { url: `${hook.url}/never` },
      secrets: { headers: { Authorization: 'Bearer old-secret' } },
    });
    // What a changed notification key leaves behind: a sealed box this hub cannot open.
    await hub.app
      .get(DataSource)
      .query('UPDATE notification_channels SET "sealedSecrets" = $1 WHERE id = $2'.replace(/\$\d/g, '?'), [
        'v1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB.CCCC',
        unreadable.id,
      ]);
    const res = await api().post(`/api/v1/notification-channels/${unreadable.id}/test`).set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('channel secrets cannot be read');
    const deliveries = await api()
      .get(`/api/v1/notification-deliveries?channelId=${unreadable.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(deliveries.body.items).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
    expect(hook.received.filter((r) => r.url === '/never')).toHaveLength(0);
  });
});
