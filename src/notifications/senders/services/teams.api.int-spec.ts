import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { teamsApi } from './teams.api.js';
import { alertMessage, channelOf, sendVia, ServiceStandIn } from './stand-in.test-helper.js';

describe('Microsoft Teams Workflows webhook', () => {
  const teams = new ServiceStandIn();
  beforeAll(() => teams.start());
  afterAll(() => teams.stop());
  const path = '/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=s3cr3t';

  it('posts a message with one Adaptive Card attachment to the workflow URL', async () => {
    const channel = channelOf('teams', {}, { webhookUrl: `${teams.url}${path}` });
    const res = await sendVia(teamsApi, channel, alertMessage());
    expect(res).toEqual({ responseCode: 202 });
    const req = teams.received.at(-1)!;
    expect([req.method, req.url, req.headers['content-type']]).toEqual([
      'POST',
      path,
      'application/json; charset=utf-8',
    ]);
    const body = teams.lastJson();
    expect(body['type']).toBe('message');
    const [attachment] = body['attachments'] as { contentType: string; content: Record<string, unknown> }[];
    expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment!.content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card['body']).toEqual([
      expect.objectContaining({ type: 'TextBlock', text: '[FIRING] High CPU on web-1', color: 'Attention' }),
      expect.objectContaining({ type: 'TextBlock', text: 'CPU 93.5 % > 90 % for 300 s' }),
      {
        type: 'FactSet',
        facts: expect.arrayContaining([
          { title: 'Server', value: 'web-1' },
          { title: 'Value', value: '93.5 %' },
        ]) as unknown,
      },
    ]);
    expect(card['actions']).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in Hivewatch', url: 'https://hive.example.test/servers/srv-1' },
    ]);
  });

  it('a resolved message is a green card; without an absolute console link there is no button', async () => {
    const channel = channelOf('teams', {}, { webhookUrl: `${teams.url}${path}` });
    await sendVia(teamsApi, channel, alertMessage({ state: 'resolved', link: '/servers/srv-1' }));
    const card = (teams.lastJson()['attachments'] as { content: Record<string, unknown> }[])[0]!.content;
    expect((card['body'] as { color?: string }[])[0]!.color).toBe('Good');
    expect(card['actions']).toBeUndefined();
  });
});
