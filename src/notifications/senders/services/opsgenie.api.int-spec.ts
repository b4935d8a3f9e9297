import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../channel-sender.js';
import { opsgenieApi } from './opsgenie.api.js';
import { alertMessage, channelOf, sendVia, ServiceStandIn } from './stand-in.test-helper.js';

describe('Opsgenie Alert API', () => {
  const og = new ServiceStandIn({
    status: 202,
    body: '{"result":"Request will be processed","requestId":"r1"}',
  });
  beforeAll(() => og.start());
  afterAll(() => og.stop());
  const channel = () =>
    channelOf('opsgenie', { apiUrl: `${og.url}/` }, { apiKey: 'eb243592-faa2-4ba2-a551q-1afdf565c889' });
  const alias = 'hivewatch-0b9a7f3e-5c1d-4e2a-9f00-1234567890ab';

  it('creates an alert with an alias, then closes it by that alias', async () => {
    await sendVia(opsgenieApi, channel(), alertMessage({ severity: 'warning' }));
    const create = og.received.at(-1)!;
    await sendVia(opsgenieApi, channel(), alertMessage({ state: 'resolved', message: 'conditions cleared' }));
    const close = og.received.at(-1)!;
    expect([create.method, create.url, create.headers['authorization']]).toEqual([
      'POST',
      '/v2/alerts',
      'GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889',
    ]);
    expect(JSON.parse(create.body)).toMatchObject({
      message: '[FIRING] High CPU on web-1',
      alias,
      priority: 'P3',
      source: 'Hivewatch',
      entity: 'web-1',
      tags: ['hivewatch', 'warning'],
      details: expect.objectContaining({ Server: 'web-1', Metric: 'CPU' }) as unknown,
    });
    expect([close.method, close.url, close.headers['authorization']]).toEqual([
      'POST',
      `/v2/alerts/${alias}/close?identifierType=alias`,
      'GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889',
    ]);
    expect(JSON.parse(close.body)).toEqual({ source: 'Hivewatch', note: 'conditions cleared' });
  });

  it('keeps the message within Opsgenie 130 characters', async () => {
    await sendVia(opsgenieApi, channel(), alertMessage({ rule: 'r'.repeat(300) }));
    expect((og.lastJson()['message'] as string).length).toBe(130);
  });

  it('a 422 answer fails naming Opsgenie', async () => {
    og.script = [{ status: 422, body: '{"message":"Request body is not processable"}' }];
    const err = (await sendVia(opsgenieApi, channel(), alertMessage()).catch(
      (e: unknown) => e,
    )) as DeliveryError;
    expect([err.message, err.responseCode]).toEqual([
      'Opsgenie: HTTP 422: {"message":"Request body is not processable"}',
      422,
    ]);
  });
});
