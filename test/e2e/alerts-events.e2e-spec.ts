import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AlertNotice } from '@hivewatch/protocol';
import request from 'supertest';
import { AlertsService } from '../../src/alerts/alerts.service.js';
import { HubEvents } from '../../src/common/events/hub-events.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer, webhookGroup } from './alerts-support.js';

/**
 * Alerts publish their state changes as hub events: `alert.notify` inside the transaction that
 * stores the change (the notifications feature queues its deliveries there), `alert.changed` after
 * the commit (live streams). A notification that cannot be queued leaves no alert state behind.
 */
describe('alert events: a state change and its notifications are stored together or not at all', () => {
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;

  beforeAll(async () => {
    hook = await new HookServer().start();
    // the evaluator's own timer is slow: the test runs the ticks
    hub = await startTestApp({ ...FAST_ALERTS, HIVEWATCH_ALERTS_EVAL_MS: '600000' });
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
    await hook.stop();
  });

  it('a failed enqueue rolls the alert back; the next tick fires it once and notifies once', async () => {
    const server = await createServer(hub.url, cookie, 'atomic');
    const { channelId, groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/a`);
    const ruleId = await createRule(hub.url, cookie, {
      name: 'cpu atomic',
      conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 80 }],
      notificationGroupId: groupId,
      scope: { mode: 'include', serverIds: [server.id] },
    });
    const events = hub.app.get(HubEvents);
    const alerts = hub.app.get(AlertsService);
    const changed: AlertNotice[] = [];
    const offChanged = events.on('alert.changed', (n) => changed.push(n));
    const offFailing = events.onTransaction('alert.notify', () => Promise.reject(new Error('disk full')));
    const stored = async () =>
      (await request(hub.url).get(`/api/v1/alerts?ruleId=${ruleId}`).set('Cookie', cookie).expect(200)).body
        .items as unknown[];
    const queued = async () =>
      (
        (await request(hub.url).get('/api/v1/notification-deliveries').set('Cookie', cookie).expect(200)).body
          .items as { channelId: string }[]
      ).filter((d) => d.channelId === channelId);

    try {
      hub.app
        .get(RecordsService)
        .ingest(makeSample({ serverId: server.id, time: Date.now(), cpuPercent: 97 }));
      await expect(alerts.tick()).rejects.toThrow('disk full');
      expect(alerts.activeAlerts(server.id)).toEqual([]);
      expect(await stored()).toEqual([]);
      expect(await queued()).toEqual([]);
      expect(changed).toEqual([]);
    } finally {
      offFailing();
    }

    await alerts.tick();
    expect(alerts.activeAlerts(server.id)).toEqual([
      expect.objectContaining({ ruleId, state: 'firing', notificationCount: 1 }),
    ]);
    expect(await stored()).toHaveLength(1);
    expect(await queued()).toHaveLength(1);
    expect(changed).toEqual([expect.objectContaining({ ruleId, serverId: server.id, state: 'triggered' })]);
    await eventually(() => hook.received.length === 1, 10_000);
    await sleep(400);
    expect(hook.bodies()).toEqual([expect.objectContaining({ state: 'firing', server: 'atomic' })]);
    offChanged();
  }, 30_000);
});
