import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer } from './alerts-support.js';
import { notificationsApi } from './notifications-support.js';

/** Every retry of FAST_ALERTS' schedule (4 × 200 ms) would have happened well within this. */
const WHOLE_SCHEDULE_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notification delivery: permanent failures fail at once, transient ones are retried', () => {
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;
  let smtp: SMTPServer;
  let smtpPort = 0;
  let rcptTries = 0;

  beforeAll(async () => {
    hook = await new HookServer().start();
    hub = await startTestApp(FAST_ALERTS);
    cookie = await signIn(hub);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        rcptTries += 1;
        callback(Object.assign(new Error('5.1.1 no such mailbox'), { responseCode: 550 }));
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

  const notifications = () => notificationsApi(hub.url, cookie);
  const deliveriesOf = async (channelId: string) =>
    (
      await request(hub.url)
        .get(`/api/v1/notification-deliveries?channelId=${channelId}`)
        .set('Cookie', cookie)
        .expect(200)
    ).body.items as { status: string; attempts: number }[];

  /** A CPU rule on a new server whose group holds `channelId`, fired once. */
  async function fireAlertTo(channelId: string, name: string): Promise<void> {
    const server = await createServer(hub.url, cookie, `${name}-host`);
    await createRule(hub.url, cookie, {
      name,
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>=', threshold: 50 }],
      notificationGroupId: await notifications().group([channelId]),
      scope: { mode: 'include', serverIds: [server.id] },
    });
    hub.app.get(RecordsService).ingest(makeSample({ serverId: server.id, time: Date.now(), cpuPercent: 90 }));
  }

  it('a webhook answering 400 is tried once: the delivery fails with the reason in the log', async () => {
    hook.script = [400];
    const { id } = await notifications().channel({
      name: 'rejects',
      type: 'webhook',
      settings: { url: `${hook.url}/rejects` },
    });
    await fireAlertTo(id, 'cpu rejected');
    await eventually(async () => (await deliveriesOf(id))[0]?.status === 'failed', 20_000);
    await sleep(WHOLE_SCHEDULE_MS);
    expect(await deliveriesOf(id)).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
    expect(hook.received.filter((r) => r.url === '/rejects')).toHaveLength(1);
    const log = await notifications().attempts(id);
    expect(log.map((a) => [a.attempt, a.outcome, a.responseCode])).toEqual([[1, 'failure', 400]]);
    expect(log[0]!.error).toBe(
      'HTTP 400: try again (permanent failure, not retried: check the channel settings)',
    );
  }, 40_000);

  it('a webhook answering 503 twice is retried on the schedule, then delivered', async () => {
    hook.script = [503, 503];
    const { id } = await notifications().channel({
      name: 'overloaded',
      type: 'webhook',
      settings: { url: `${hook.url}/overloaded` },
    });
    await fireAlertTo(id, 'cpu overloaded');
    await eventually(async () => (await deliveriesOf(id))[0]?.status === 'delivered', 20_000);
    expect(await deliveriesOf(id)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]);
    const log = await notifications().attempts(id);
    expect(log.map((a) => [a.attempt, a.outcome, a.responseCode])).toEqual([
      [1, 'failure', 503],
      [2, 'failure', 503],
      [3, 'success', 200],
    ]);
    expect(log[0]!.error).toBe('HTTP 503: try again');
    // the schedule's 200 ms delay separates the attempts
    expect(Date.parse(log[1]!.at) - Date.parse(log[0]!.at)).toBeGreaterThanOrEqual(200);
    expect(hook.received.filter((r) => r.url === '/overloaded')).toHaveLength(3);
  }, 40_000);

  it('an SMTP server refusing the recipient (550) is tried once', async () => {
    const { id } = await notifications().channel({
      name: 'mail to nobody',
      type: 'email',
      settings: {
        host: '127.0.0.1',
        port: smtpPort,
        tlsMode: 'none',
        from: 'hivewatch@example.test',
        to: ['nobody@example.test'],
      },
    });
    await fireAlertTo(id, 'cpu mail');
    await eventually(async () => (await deliveriesOf(id))[0]?.status === 'failed', 20_000);
    await sleep(WHOLE_SCHEDULE_MS);
    expect(await deliveriesOf(id)).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
    expect(rcptTries).toBe(1);
    const [attempt] = await notifications().attempts(id);
    expect(attempt).toMatchObject({ outcome: 'failure', responseCode: 550 });
    expect(attempt!.error).toContain('no such mailbox');
    expect(attempt!.error).toContain('permanent failure, not retried');
  }, 40_000);
});
