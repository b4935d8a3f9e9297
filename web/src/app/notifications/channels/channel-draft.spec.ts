// The shared request schemas: what the console sends must pass them unchanged.
import { createChannelSchema, updateChannelSchema, CHANNEL_SCHEMAS, mergeSecrets } from '@hivewatch/protocol';
import { channelDraft, createChannelBody, updateChannelBody, validateChannel } from './channel-draft';
import { draftOf, storedChannel } from './channel-fixtures';

const draft = draftOf;
const stored = storedChannel;

describe('channel form validation', () => {
  it('checks a webhook: URL, content type, header names and values', () => {
    const errors = validateChannel(
      draft({
        name: '',
        url: 'ftp://x',
        contentType: ' ',
        headers: [
          { name: 'Bad Header', value: 'v', stored: false, remove: false },
          { name: 'X-Token', value: '', stored: false, remove: false },
          { name: 'x-token', value: 'v', stored: false, remove: false },
        ],
      }),
    );
    expect(errors).toEqual({
      name: 'Give the channel a name.',
      url: 'Give an http:// or https:// URL.',
      contentType: 'Give a content type.',
      'headers.0.name': 'Not a valid header name.',
      'headers.1.value': 'Give the value.',
      'headers.2.name': 'This header is already there.',
    });
  });

  it('wants a secret on a new channel, and not on one whose secret the hub holds', () => {
    expect(validateChannel(draft({ type: 'telegram', name: 't', chatId: '42' }))).toEqual({
      botToken: 'Give the bot token.',
    });
    expect(
      validateChannel(draft({ type: 'telegram', name: 't', chatId: '42', secretsSet: ['botToken'] })),
    ).toEqual({});
    expect(validateChannel(draft({ type: 'bark', name: 'b', barkServerUrl: 'nope' }))).toEqual({
      barkServerUrl: 'Give an http:// or https:// URL, or leave it empty.',
      deviceKey: 'Give the device key.',
    });
  });

  it('checks e-mail host, port and addresses', () => {
    expect(
      validateChannel(
        draft({ type: 'email', name: 'm', host: '', port: 70000, from: 'nobody', to: 'a@b.c, nope' }),
      ),
    ).toEqual({
      host: 'Give the SMTP host.',
      port: 'A port from 1 to 65535.',
      from: 'Give the sender address.',
      to: 'One of the addresses is not valid.',
    });
    expect(
      validateChannel(draft({ type: 'email', name: 'm', host: 'smtp', from: 'a@b.c', to: '' }))['to'],
    ).toBe('Give 1 to 50 recipient addresses.');
  });
});

describe('channel form serialisation', () => {
  it('creates a webhook with its template and header secrets', () => {
    const body = createChannelBody(
      draft({
        name: ' hook ',
        url: 'http://127.0.0.1:9/alert',
        method: 'PUT',
        bodyTemplate: '{"text":"{{message}}"}',
        headers: [{ name: 'Authorization', value: 'Bearer s3cret', stored: false, remove: false }],
      }),
    );
    expect(body).toEqual({
      name: 'hook',
      enabled: true,
      type: 'webhook',
      settings: {
        url: 'http://127.0.0.1:9/alert',
        method: 'PUT',
        contentType: 'application/json',
        bodyTemplate: '{"text":"{{message}}"}',
      },
      secrets: { headers: { Authorization: 'Bearer s3cret' } },
    });
    expect(createChannelSchema.parse(body)).toEqual(body);
  });

  it('creates Telegram, Bark and e-mail channels the hub accepts', () => {
    const bodies = [
      createChannelBody(draft({ type: 'telegram', name: 't', chatId: '42', botToken: '1:abc' })),
      createChannelBody(draft({ type: 'bark', name: 'b', deviceKey: 'k' })),
      createChannelBody(
        draft({
          type: 'email',
          name: 'm',
          host: 'smtp.example.com',
          port: 465,
          tlsMode: 'tls',
          from: 'hw@example.com',
          to: 'a@example.com\nb@example.com',
          password: 'pw',
        }),
      ),
    ];
    for (const b of bodies) expect(createChannelSchema.parse(b)).toEqual(b);
    expect(bodies[2]).toMatchObject({
      settings: { to: ['a@example.com', 'b@example.com'], username: null },
      secrets: { password: 'pw' },
    });
    expect(bodies[1]).toMatchObject({ settings: { serverUrl: null }, secrets: { deviceKey: 'k' } });
  });

  it('never shows a stored secret: the edit form starts empty and sends secrets only when typed', () => {
    const d = channelDraft(
      stored({ type: 'telegram', settings: { chatId: '42' }, secretsSet: ['botToken'] }),
    );
    expect(d.botToken).toBe('');
    const unchanged = updateChannelBody(d);
    expect(unchanged).toEqual({ name: 'ops', enabled: true, settings: { chatId: '42' } });
    expect(updateChannelSchema.parse(unchanged)).toEqual(unchanged);
    d.botToken = '2:new';
    expect(updateChannelBody(d).secrets).toEqual({ botToken: '2:new' });
  });

  it('edits webhook headers by name: keep, replace, remove, add', () => {
    const d = channelDraft(
      stored({
        type: 'webhook',
        settings: {
          url: 'https://x.example/h',
          method: 'POST',
          contentType: 'application/json',
          bodyTemplate: null,
        },
        secretsSet: ['headers.Authorization', 'headers.X-Keep', 'headers.X-Drop'],
      }),
    );
    expect(d.headers.map((h) => [h.name, h.value, h.stored])).toEqual([
      ['Authorization', '', true],
      ['X-Keep', '', true],
      ['X-Drop', '', true],
    ]);
    d.headers[0].value = 'Bearer new';
    d.headers[2].remove = true;
    d.headers.push({ name: 'X-New', value: 'n', stored: false, remove: false });
    expect(validateChannel(d)).toEqual({});
    const body = updateChannelBody(d);
    expect(body.secrets).toEqual({ headers: { Authorization: 'Bearer new', 'X-Drop': null, 'X-New': 'n' } });
    // what the hub then keeps
    const merged = mergeSecrets(
      'webhook',
      { headers: { Authorization: 'a', 'X-Keep': 'k', 'X-Drop': 'd' } },
      body.secrets!,
    );
    expect(CHANNEL_SCHEMAS.webhook.secrets.parse(merged)).toEqual({
      headers: { Authorization: 'Bearer new', 'X-Keep': 'k', 'X-New': 'n' },
    });
  });
});
