// What the console sends for a service channel must pass the hub's own schemas unchanged.
import { createChannelSchema, CHANNEL_SCHEMAS, mergeSecrets } from '@hivewatch/protocol';
import { channelDraft, createChannelBody, updateChannelBody, validateChannel } from './channel-draft';
import { SERVICE_FORMS, type ServiceType } from './service-channel';
import { channelTarget } from './channel-summary';
import { draftOf, storedChannel } from './channel-fixtures';

const draft = draftOf;
const stored = (c: Parameters<typeof storedChannel>[0]) => storedChannel({ name: 'on-call', ...c });

describe('service channels in the channel form', () => {
  it('builds a body every service schema accepts', () => {
    const secrets: Record<ServiceType, string> = {
      slack: 'https://hooks.slack.com/services/T0/B0/x',
      teams: 'https://prod.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=s',
      discord: 'https://discord.com/api/webhooks/1/t',
      ntfy: 'tk_abc',
      gotify: 'AppToken1',
      pagerduty: 'R0UTING',
      opsgenie: 'genie-key',
    };
    for (const type of Object.keys(SERVICE_FORMS) as ServiceType[]) {
      const d = draft({
        type,
        name: ` ${type} `,
        serviceUrl: type === 'gotify' ? 'https://gotify.example' : '',
        topic: 'ops-alerts',
        serviceSecret: secrets[type],
      });
      expect(validateChannel(d)).toEqual({});
      const body = createChannelBody(d);
      expect(createChannelSchema.parse(body)).toMatchObject(body);
      expect(body.secrets).toEqual({ [SERVICE_FORMS[type].secret]: secrets[type] });
    }
  });

  it('leaves a default URL to the hub and sends one that was typed', () => {
    const pd = createChannelBody(draft({ type: 'pagerduty', name: 'pd', serviceSecret: 'k' }));
    expect(pd.settings).toEqual({});
    expect(createChannelSchema.parse(pd).settings).toEqual({ apiUrl: 'https://events.pagerduty.com' });
    const eu = createChannelBody(
      draft({ type: 'opsgenie', name: 'og', serviceUrl: 'https://api.eu.opsgenie.com', serviceSecret: 'k' }),
    );
    expect(eu.settings).toEqual({ apiUrl: 'https://api.eu.opsgenie.com' });
  });

  it('names every problem: URL, topic, missing or malformed secret', () => {
    expect(validateChannel(draft({ type: 'gotify', name: 'g' }))).toEqual({
      serviceUrl: 'Give an http:// or https:// URL.',
      serviceSecret: 'Give the application token.',
    });
    expect(
      validateChannel(draft({ type: 'ntfy', name: 'n', serviceUrl: 'ftp://x', topic: 'has space' })),
    ).toEqual({
      serviceUrl: 'Give an http:// or https:// URL, or leave it empty.',
      topic: 'Letters, digits, - and _ only (at most 64).',
    });
    expect(validateChannel(draft({ type: 'slack', name: 's', serviceSecret: 'not a url' }))).toEqual({
      serviceSecret: 'Give the https:// URL the service showed.',
    });
    expect(validateChannel(draft({ type: 'opsgenie', name: 'o', serviceSecret: 'two words' }))).toEqual({
      serviceSecret: 'Letters, digits and punctuation without spaces, at most 200.',
    });
  });

  it('edits a stored channel: its secret is only "set", and sent only when replaced', () => {
    const d = channelDraft(
      stored({
        type: 'ntfy',
        settings: { serverUrl: 'https://ntfy.example', topic: 'ops' },
        secretsSet: ['token'],
      }),
    );
    expect([d.serviceUrl, d.topic, d.serviceSecret]).toEqual(['https://ntfy.example', 'ops', '']);
    expect(validateChannel(d)).toEqual({});
    expect(updateChannelBody(d)).toEqual({
      name: 'on-call',
      enabled: true,
      settings: { serverUrl: 'https://ntfy.example', topic: 'ops' },
    });
    const held = channelDraft(
      stored({ type: 'opsgenie', settings: { apiUrl: 'https://api.opsgenie.com' }, secretsSet: ['apiKey'] }),
    );
    expect(validateChannel(held)).toEqual({});
    const replaced = updateChannelBody({ ...held, serviceSecret: 'new-key' });
    expect(replaced.secrets).toEqual({ apiKey: 'new-key' });
    expect(
      CHANNEL_SCHEMAS.opsgenie.secrets.parse(mergeSecrets('opsgenie', { apiKey: 'old' }, replaced.secrets!)),
    ).toEqual({
      apiKey: 'new-key',
    });
  });

  it('says where a service channel sends without any secret', () => {
    expect(channelTarget(stored({ type: 'slack', settings: {}, secretsSet: ['webhookUrl'] }))).toBe(
      'Slack webhook',
    );
    expect(
      channelTarget(
        stored({ type: 'ntfy', settings: { serverUrl: 'https://ntfy.sh', topic: 'ops' }, secretsSet: [] }),
      ),
    ).toBe('ntfy at https://ntfy.sh, topic ops');
  });
});
