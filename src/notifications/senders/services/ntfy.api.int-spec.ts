import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../channel-sender.js';
import { ntfyApi } from './ntfy.api.js';
import { alertMessage, channelOf, sendVia, ServiceStandIn } from './stand-in.test-helper.js';

describe('ntfy', () => {
  const ntfy = new ServiceStandIn({ status: 200, body: '{"id":"abc"}' });
  beforeAll(() => ntfy.start());
  afterAll(() => ntfy.stop());

  it('POSTs the text to {server}/{topic} with Title, Priority, Tags, Click and the bearer token', async () => {
    const channel = channelOf(
      'ntfy',
      { serverUrl: `${ntfy.url}/`, topic: 'ops-alerts' },
      { token: 'tk_abc123' },
    );
    await sendVia(ntfyApi, channel, alertMessage());
    const req = ntfy.received.at(-1)!;
    expect([req.method, req.url]).toEqual(['POST', '/ops-alerts']);
    expect(req.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      title: '[FIRING] High CPU on web-1',
      priority: '5',
      tags: 'rotating_light,hivewatch',
      click: 'https://hive.example.test/servers/srv-1',
      authorization: 'Bearer tk_abc123',
    });
    expect(req.body).toContain('CPU 93.5 % > 90 % for 300 s');
  });

  it('without a token sends no Authorization; a resolved message is default priority; non-ASCII titles are encoded', async () => {
    const channel = channelOf('ntfy', { serverUrl: ntfy.url, topic: 't' }, {});
    await sendVia(ntfyApi, channel, alertMessage({ state: 'resolved', server: 'Zürich-1 ☁' }));
    const req = ntfy.received.at(-1)!;
    expect(req.headers['authorization']).toBeUndefined();
    expect(req.headers['priority']).toBe('3');
    expect(req.headers['tags']).toBe('white_check_mark,hivewatch');
    const title = String(req.headers['title']);
    expect(title).toMatch(/^=\?UTF-8\?B\?.+\?=$/);
    expect(Buffer.from(title.slice(10, -2), 'base64').toString('utf8')).toBe(
      '[RESOLVED] High CPU on Zürich-1 ☁',
    );
  });

  it('a 403 (wrong token) fails with ntfy answer', async () => {
    ntfy.script = [{ status: 403, body: '{"code":40301,"error":"forbidden"}' }];
    const channel = channelOf('ntfy', { serverUrl: ntfy.url, topic: 't' }, { token: 'tk_wrong' });
    const err = (await sendVia(ntfyApi, channel, alertMessage()).catch((e: unknown) => e)) as DeliveryError;
    expect(err.message).toBe('ntfy: HTTP 403: {"code":40301,"error":"forbidden"}');
  });
});
