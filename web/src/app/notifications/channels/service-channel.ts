import type { ChannelType, CreateChannelBody } from '../../core/hub-types';

/** The chat, push and paging services: a URL, perhaps a topic, and one secret each. */
export type ServiceType = Exclude<ChannelType, 'webhook' | 'telegram' | 'bark' | 'email'>;

export interface ServiceForm {
  /** Product name, as the type list shows it. */
  label: string;
  /** Setting holding the service's address; null when the address is the secret webhook URL. */
  urlSetting: 'serverUrl' | 'apiUrl' | null;
  urlLabel: string;
  /** The hub's default when the field is left empty; null = the URL must be given. */
  urlDefault: string | null;
  /** The one secret: its name in the API, its label, whether a new channel needs it. */
  secret: 'webhookUrl' | 'token' | 'appToken' | 'routingKey' | 'apiKey';
  secretLabel: string;
  secretRequired: boolean;
  /** Where to find the values, shown under the fields. */
  hint: string;
}

export const SERVICE_FORMS: Record<ServiceType, ServiceForm> = {
  slack: {
    label: 'Slack',
    urlSetting: null,
    urlLabel: '',
    urlDefault: null,
    secret: 'webhookUrl',
    secretLabel: 'Incoming webhook URL',
    secretRequired: true,
    hint: 'Slack app → Incoming Webhooks → Add New Webhook to Workspace. The URL holds a token: it is stored sealed.',
  },
  teams: {
    label: 'Microsoft Teams',
    urlSetting: null,
    urlLabel: '',
    urlDefault: null,
    secret: 'webhookUrl',
    secretLabel: 'Workflow webhook URL',
    secretRequired: true,
    hint: 'Teams channel → Workflows → "Send webhook alerts to a channel"; copy the URL it shows.',
  },
  discord: {
    label: 'Discord',
    urlSetting: null,
    urlLabel: '',
    urlDefault: null,
    secret: 'webhookUrl',
    secretLabel: 'Webhook URL',
    secretRequired: true,
    hint: 'Channel settings → Integrations → Webhooks → Copy Webhook URL.',
  },
  ntfy: {
    label: 'ntfy',
    urlSetting: 'serverUrl',
    urlLabel: 'ntfy server',
    urlDefault: 'https://ntfy.sh',
    secret: 'token',
    secretLabel: 'Access token (optional)',
    secretRequired: false,
    hint: 'Messages are published to the topic; give an access token (tk_…) when the topic is protected.',
  },
  gotify: {
    label: 'Gotify',
    urlSetting: 'serverUrl',
    urlLabel: 'Gotify server',
    urlDefault: null,
    secret: 'appToken',
    secretLabel: 'Application token',
    secretRequired: true,
    hint: 'Gotify → Apps → Create application; copy its token.',
  },
  pagerduty: {
    label: 'PagerDuty',
    urlSetting: 'apiUrl',
    urlLabel: 'Events API',
    urlDefault: 'https://events.pagerduty.com',
    secret: 'routingKey',
    secretLabel: 'Integration key (routing key)',
    secretRequired: true,
    hint: 'Service → Integrations → Events API v2. A resolved alert resolves its incident.',
  },
  opsgenie: {
    label: 'Opsgenie',
    urlSetting: 'apiUrl',
    urlLabel: 'API',
    urlDefault: 'https://api.opsgenie.com',
    secret: 'apiKey',
    secretLabel: 'API integration key',
    secretRequired: true,
    hint: 'Teams → Integrations → API. EU accounts: https://api.eu.opsgenie.com. A resolved alert closes its Opsgenie alert.',
  },
};

export function isServiceType(type: ChannelType): type is ServiceType {
  return type in SERVICE_FORMS;
}

/** The fields a service channel adds to the channel draft. */
export interface ServiceDraft {
  type: ChannelType;
  /** Empty = the service's default address (where it has one). */
  serviceUrl: string;
  topic: string;
  /** The service's one secret; empty on an existing channel = keep the stored one. */
  serviceSecret: string;
  secretsSet: string[];
}

const TOPIC = /^[A-Za-z0-9_-]{1,64}$/;
/** Keys and tokens go into HTTP headers: printable ASCII without spaces (the hub's rule too). */
const TOKEN = /^[\x21-\x7e]{1,200}$/;
const URL_MAX = 500;
const WEBHOOK_URL_MAX = 2000;

export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The draft fields of a stored service channel (its secret never comes back: only whether it is set). */
export function serviceFields(
  type: ServiceType,
  settings: object,
): Pick<ServiceDraft, 'serviceUrl' | 'topic'> {
  const s = settings as { serverUrl?: string; apiUrl?: string; topic?: string };
  const setting = SERVICE_FORMS[type].urlSetting;
  return { serviceUrl: (setting && s[setting]) || '', topic: s.topic ?? '' };
}

export function serviceErrors(d: ServiceDraft & { type: ServiceType }, errors: Record<string, string>): void {
  const form = SERVICE_FORMS[d.type];
  const url = d.serviceUrl.trim();
  if (form.urlSetting) {
    if (url ? !isHttpUrl(url) || url.length > URL_MAX : form.urlDefault === null)
      errors['serviceUrl'] =
        form.urlDefault === null
          ? 'Give an http:// or https:// URL.'
          : 'Give an http:// or https:// URL, or leave it empty.';
  }
  if (d.type === 'ntfy' && !TOPIC.test(d.topic.trim()))
    errors['topic'] = 'Letters, digits, - and _ only (at most 64).';
  const secret = d.serviceSecret.trim();
  if (!secret) {
    if (form.secretRequired && !d.secretsSet.includes(form.secret))
      errors['serviceSecret'] = `Give the ${form.secretLabel.toLowerCase()}.`;
  } else if (form.secret === 'webhookUrl' && (!isHttpUrl(secret) || secret.length > WEBHOOK_URL_MAX)) {
    errors['serviceSecret'] = 'Give the https:// URL the service showed.';
  } else if (form.secret !== 'webhookUrl' && !TOKEN.test(secret)) {
    errors['serviceSecret'] = 'Letters, digits and punctuation without spaces, at most 200.';
  }
}

export function serviceSettings(d: ServiceDraft & { type: ServiceType }): Record<string, string> {
  const form = SERVICE_FORMS[d.type];
  const settings: Record<string, string> = {};
  const url = d.serviceUrl.trim();
  if (form.urlSetting && url) settings[form.urlSetting] = url;
  if (d.type === 'ntfy') settings['topic'] = d.topic.trim();
  return settings;
}

/** The secret as typed: nothing when empty (a new optional one, or "keep" on an edit). */
export function serviceSecrets(d: ServiceDraft & { type: ServiceType }): Record<string, string> {
  const secret = d.serviceSecret.trim();
  return secret ? { [SERVICE_FORMS[d.type].secret]: secret } : {};
}

export function serviceChannelBody(
  d: ServiceDraft & { type: ServiceType; name: string; enabled: boolean },
): CreateChannelBody {
  const body = {
    name: d.name.trim(),
    enabled: d.enabled,
    type: d.type,
    settings: serviceSettings(d),
    secrets: serviceSecrets(d),
  };
  // The settings and secrets were built from SERVICE_FORMS[type], the table of this type's schema.
  return body as CreateChannelBody;
}
