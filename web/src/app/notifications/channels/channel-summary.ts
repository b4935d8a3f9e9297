import type {
  BarkSettings,
  Channel,
  ChannelTestResult,
  EmailSettings,
  TelegramSettings,
  WebhookSettings,
} from '../../core/hub-types';
import { isServiceType, SERVICE_FORMS, serviceFields } from './service-channel';

/** Where a channel sends, in a few words (no secret is part of it: the hub never returns them). */
export function channelTarget(c: Channel): string {
  if (isServiceType(c.type)) {
    const form = SERVICE_FORMS[c.type];
    if (!form.urlSetting) return `${form.label} webhook`;
    const { serviceUrl, topic } = serviceFields(c.type, c.settings);
    return `${form.label} at ${serviceUrl || form.urlDefault}${topic ? `, topic ${topic}` : ''}`;
  }
  switch (c.type) {
    case 'webhook': {
      const s = c.settings as WebhookSettings;
      return `${s.method} ${s.url}`;
    }
    case 'telegram':
      return `chat ${(c.settings as TelegramSettings).chatId}`;
    case 'bark':
      return (c.settings as BarkSettings).serverUrl ?? 'the default Bark server';
    case 'email': {
      const s = c.settings as EmailSettings;
      return `${s.to.join(', ')} via ${s.host}:${s.port}`;
    }
  }
}

/** "delivered (HTTP 200)" or "failed (HTTP 500): …", for the test button's answer. */
export function testOutcome(r: ChannelTestResult): { ok: boolean; text: string } {
  const code = r.responseCode === null ? '' : ` (${r.responseCode})`;
  if (r.outcome === 'success') return { ok: true, text: `test delivered${code}` };
  return { ok: false, text: `test failed${code}${r.error ? `: ${r.error}` : ''}` };
}
