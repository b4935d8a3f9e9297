import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../channel-sender.js';
import { gotifyApi } from './gotify.api.js';
import { alertMessage, channelOf, sendVia, ServiceStandIn } from './stand-in.test-helper.js';

describe('Gotify', () => {
  const gotify = new ServiceStandIn({ status: 200, body: '{"id":1}' });
  beforeAll(() => gotify.start());
  afterAll(() => gotify.stop());
  const channel = () => channelOf('gotify', { serverUrl: `${gotify.url}/gotify` }, { appToken: 'AbCdEf123' });

  it('POSTs {title, message, priority} to {server}/message with X-Gotify-Key', async () => {
    await sendVia(gotifyApi, channel(), alertMessage({ severity: 'warning' }));
    const req = gotify.received.at(-1)!;
    expect([req.method, req.url, req.headers['x-gotify-key']]).toEqual([
      'POST',
      '/gotify/message',
      'AbCdEf123',
    ]);
    expect(gotify.lastJson()).toEqual({
      title: '[FIRING] High CPU on web-1',
      message: expect.stringContaining('CPU 93.5 % > 90 % for 300 s') as unknown,
      priority: 6,
      extras: { 'client::notification': { click: { url: 'https://hive.example.test/servers/srv-1' } } },
    });
  });

  it('a 401 (unknown token) fails naming Gotify', async () => {
    gotify.script = [{ status: 401, body: '{"error":"Unauthorized"}' }];
    const err = (await sendVia(gotifyApi, channel(), alertMessage()).catch(
      (e: unknown) => e,
    )) as DeliveryError;
    expect([err.message, err.responseCode]).toEqual(['Gotify: HTTP 401: {"error":"Unauthorized"}', 401]);
  });
});
