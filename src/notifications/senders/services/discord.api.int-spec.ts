import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../channel-sender.js';
import { DISCORD_CONTENT_LIMIT, discordApi } from './discord.api.js';
import { alertMessage, channelOf, sendVia, ServiceStandIn } from './stand-in.test-helper.js';

describe('Discord webhook', () => {
  const discord = new ServiceStandIn({ status: 204 });
  beforeAll(() => discord.start());
  afterAll(() => discord.stop());
  const channel = () => channelOf('discord', {}, { webhookUrl: `${discord.url}/api/webhooks/123/tok-en` });

  it('posts {content} with mentions disabled', async () => {
    const res = await sendVia(discordApi, channel(), alertMessage({ server: '@everyone' }));
    expect(res).toEqual({ responseCode: 204 });
    const req = discord.received.at(-1)!;
    expect([req.method, req.url]).toEqual(['POST', '/api/webhooks/123/tok-en']);
    const body = discord.lastJson() as { content: string; allowed_mentions: unknown };
    expect(body.content.startsWith('[FIRING] High CPU on @everyone\n')).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps content within the 2000-character limit', async () => {
    await sendVia(discordApi, channel(), alertMessage({ message: 'x'.repeat(5000) }));
    const { content } = discord.lastJson() as { content: string };
    expect(content).toHaveLength(DISCORD_CONTENT_LIMIT);
    expect(content.endsWith('…')).toBe(true);
  });

  it('an HTTP-date Retry-After of a 429 is read as a delay', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    discord.script = [
      { status: 429, headers: { 'retry-after': at }, body: '{"message":"You are being rate limited."}' },
    ];
    const err = (await sendVia(discordApi, channel(), alertMessage()).catch(
      (e: unknown) => e,
    )) as DeliveryError;
    expect(err.message).toBe('Discord: HTTP 429: {"message":"You are being rate limited."}');
    expect(err.retryAfterMs).toBeGreaterThan(55_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});
