import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../channel-sender.js';
import { pagerdutyApi } from './pagerduty.api.js';
import { alertMessage, channelOf, sendVia, ServiceStandIn } from './stand-in.test-helper.js';

describe('PagerDuty Events API v2', () => {
  const pd = new ServiceStandIn({ status: 202, body: '{"status":"success","message":"Event processed"}' });
  beforeAll(() => pd.start());
  afterAll(() => pd.stop());
  const channel = () =>
    channelOf('pagerduty', { apiUrl: pd.url }, { routingKey: 'R0UT1NGKEY0000000000000000000000' });

  it('a firing alert triggers and its resolved message resolves, with the same dedup_key', async () => {
    await sendVia(pagerdutyApi, channel(), alertMessage());
    const trigger = pd.lastJson();
    await sendVia(
      pagerdutyApi,
      channel(),
      alertMessage({ state: 'resolved', time: '2026-12-03T08:05:00.000Z' }),
    );
    const resolve = pd.lastJson();
    expect(pd.received.slice(-2).map((r) => [r.method, r.url])).toEqual([
      ['POST', '/v2/enqueue'],
      ['POST', '/v2/enqueue'],
    ]);
    expect(trigger).toMatchObject({
      routing_key: 'R0UT1NGKEY0000000000000000000000',
      event_action: 'trigger',
      dedup_key: 'hivewatch-0b9a7f3e-5c1d-4e2a-9f00-1234567890ab',
      payload: {
        summary: '[FIRING] High CPU on web-1: CPU 93.5 % > 90 % for 300 s',
        source: 'web-1',
        severity: 'critical',
        timestamp: '2026-12-03T08:00:00.000Z',
        component: 'CPU',
        custom_details: expect.objectContaining({ Value: '93.5 %', Threshold: '90 %' }) as unknown,
      },
      client_url: 'https://hive.example.test/servers/srv-1',
    });
    expect(resolve).toEqual({
      routing_key: 'R0UT1NGKEY0000000000000000000000',
      event_action: 'resolve',
      dedup_key: trigger['dedup_key'],
    });
  });

  it('a test message triggers an info event keyed by the channel', async () => {
    await sendVia(pagerdutyApi, channel(), alertMessage({ state: 'test', alertId: '', severity: 'info' }));
    expect(pd.lastJson()).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'hivewatch-test-c0ffee00-0000-4000-8000-000000000001',
      payload: { severity: 'info' },
    });
  });

  it('a 400 (invalid routing key) fails with PagerDuty answer', async () => {
    pd.script = [{ status: 400, body: '{"status":"invalid event","message":"Event object is invalid"}' }];
    const err = (await sendVia(pagerdutyApi, channel(), alertMessage()).catch(
      (e: unknown) => e,
    )) as DeliveryError;
    expect(err.message).toBe(
      'PagerDuty: HTTP 400: {"status":"invalid event","message":"Event object is invalid"}',
    );
  });
});
