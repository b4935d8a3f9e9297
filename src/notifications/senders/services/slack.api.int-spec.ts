import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../channel-sender.js';
import { slackApi } from './slack.api.js';
import { alertMessage, channelOf, sendVia, ServiceStandIn } from './stand-in.test-helper.js';

describe('Slack incoming webhook', () => {
  const slack = new ServiceStandIn({ status: 200, body: 'ok' });
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  const channel = () => channelOf('slack', {}, { webhookUrl: `${slack.url}/services/T000/B000/XXXX` });

  it('posts {text, blocks} as JSON to the webhook URL, markup characters escaped', async () => {
    const res = await sendVia(slackApi, channel(), alertMessage({ server: 'db<1>&co' }));
    expect(res).toEqual({ responseCode: 200 });
    const req = slack.received.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/services/T000/B000/XXXX');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = slack.lastJson() as {
      text: string;
      blocks: { type: string; text: { type: string; text: string } }[];
    };
    expect(body.text).toBe('[FIRING] High CPU on db&lt;1&gt;&amp;co');
    expect(body.blocks).toHaveLength(1);
    expect(body.blocks[0]!.text.type).toBe('mrkdwn');
    expect(body.blocks[0]!.text.text).toContain('CPU 93.5 % &gt; 90 % for 300 s');
    expect(body.blocks[0]!.text.text).toContain('Console: https://hive.example.test/servers/srv-1');
  });

  it('a 4xx answer is a failed delivery naming Slack and its answer', async () => {
    slack.script = [{ status: 404, body: 'no_service' }];
    const err = await sendVia(slackApi, channel(), alertMessage()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).message).toBe('Slack: HTTP 404: no_service');
    expect((err as DeliveryError).responseCode).toBe(404);
    expect((err as DeliveryError).kind).toBe('permanent');
  });

  it('a 429 answer carries the Retry-After the service asked for', async () => {
    slack.script = [{ status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' }];
    const err = (await sendVia(slackApi, channel(), alertMessage()).catch(
      (e: unknown) => e,
    )) as DeliveryError;
    expect(err.responseCode).toBe(429);
    expect(err.retryAfterMs).toBe(30_000);
    expect(err.kind).toBe('transient');
  });
});
