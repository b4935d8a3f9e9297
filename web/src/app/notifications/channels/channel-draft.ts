import type {
  Channel,
  ChannelSettings,
  ChannelType,
  CreateChannelBody,
  EmailSettings,
  UpdateChannelBody,
  WebhookSettings,
} from '../../core/hub-types';
import {
  isHttpUrl,
  isServiceType,
  serviceChannelBody,
  serviceErrors,
  serviceFields,
  serviceSecrets,
  serviceSettings,
} from './service-channel';

export type WebhookMethod = WebhookSettings['method'];
export type TlsMode = EmailSettings['tlsMode'];

/** One webhook header row. A stored one shows its name only: its value is never sent to the console. */
export interface HeaderDraft {
  name: string;
  /** New value; empty on a stored header = keep the stored value. */
  value: string;
  stored: boolean;
  remove: boolean;
}

/**
 * A channel as the form edits it: the fields of every type side by side (switching the type of a
 * new channel loses nothing); secret fields start empty and, on an existing channel, empty means
 * "keep what the hub holds".
 */
export interface ChannelDraft {
  name: string;
  type: ChannelType;
  enabled: boolean;
  url: string;
  method: WebhookMethod;
  contentType: string;
  bodyTemplate: string;
  headers: HeaderDraft[];
  chatId: string;
  botToken: string;
  barkServerUrl: string;
  deviceKey: string;
  host: string;
  port: number | null;
  tlsMode: TlsMode;
  username: string;
  from: string;
  /** Addresses separated by commas, spaces or lines. */
  to: string;
  password: string;
  /** Chat, push and paging services (service-channel.ts): empty URL = the service's default. */
  serviceUrl: string;
  topic: string;
  serviceSecret: string;
  /** Secret names the hub holds (`botToken`, `headers.Authorization` …); empty for a new channel. */
  secretsSet: string[];
}

export type ChannelErrors = Record<string, string>;

export function newChannelDraft(type: ChannelType = 'webhook'): ChannelDraft {
  return {
    name: '',
    type,
    enabled: true,
    url: '',
    method: 'POST',
    contentType: 'application/json',
    bodyTemplate: '',
    headers: [],
    chatId: '',
    botToken: '',
    barkServerUrl: '',
    deviceKey: '',
    host: '',
    port: 587,
    tlsMode: 'starttls',
    username: '',
    from: '',
    to: '',
    password: '',
    serviceUrl: '',
    topic: '',
    serviceSecret: '',
    secretsSet: [],
  };
}

const HEADER_PREFIX = 'headers.';

export function channelDraft(c: Channel): ChannelDraft {
  const d: ChannelDraft = { ...newChannelDraft(c.type), name: c.name, enabled: c.enabled };
  d.secretsSet = [...c.secretsSet];
  const s = c.settings;
  if (isServiceType(c.type)) return Object.assign(d, serviceFields(c.type, s));
  switch (c.type) {
    case 'webhook': {
      const w = s as WebhookSettings;
      d.url = w.url;
      d.method = w.method;
      d.contentType = w.contentType;
      d.bodyTemplate = w.bodyTemplate ?? '';
      d.headers = c.secretsSet
        .filter((n) => n.startsWith(HEADER_PREFIX))
        .map((n) => ({ name: n.slice(HEADER_PREFIX.length), value: '', stored: true, remove: false }));
      return d;
    }
    case 'telegram':
      d.chatId = 'chatId' in s ? s.chatId : '';
      return d;
    case 'bark':
      d.barkServerUrl = 'serverUrl' in s ? (s.serverUrl ?? '') : '';
      return d;
    case 'email': {
      const e = s as EmailSettings;
      Object.assign(d, { host: e.host, port: e.port, tlsMode: e.tlsMode, username: e.username ?? '' });
      d.from = e.from;
      d.to = e.to.join(', ');
      return d;
    }
  }
}

/** Whether the hub holds this secret (an existing channel's field may then stay empty). */
export function isSecretSet(d: ChannelDraft, name: string): boolean {
  return d.secretsSet.includes(name);
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function addresses(text: string): string[] {
  return text.split(/[\s,;]+/).filter((a) => a.length > 0);
}

function webhookErrors(d: ChannelDraft, errors: ChannelErrors): void {
  if (!isHttpUrl(d.url.trim())) errors['url'] = 'Give an http:// or https:// URL.';
  if (!d.contentType.trim()) errors['contentType'] = 'Give a content type.';
  const seen = new Set<string>();
  d.headers.forEach((h, i) => {
    const name = h.name.trim();
    if (!HEADER_NAME.test(name)) errors[`headers.${i}.name`] = 'Not a valid header name.';
    else if (seen.has(name.toLowerCase())) errors[`headers.${i}.name`] = 'This header is already there.';
    seen.add(name.toLowerCase());
    if (!h.stored && !h.value) errors[`headers.${i}.value`] = 'Give the value.';
  });
}

/** Every problem at once, keyed by field; empty when the draft can be sent. */
export function validateChannel(d: ChannelDraft): ChannelErrors {
  const errors: ChannelErrors = {};
  if (!d.name.trim()) errors['name'] = 'Give the channel a name.';
  if (isServiceType(d.type)) {
    serviceErrors({ ...d, type: d.type }, errors);
    return errors;
  }
  switch (d.type) {
    case 'webhook':
      webhookErrors(d, errors);
      break;
    case 'telegram':
      if (!d.chatId.trim()) errors['chatId'] = 'Give the chat id.';
      if (!d.botToken && !isSecretSet(d, 'botToken')) errors['botToken'] = 'Give the bot token.';
      break;
    case 'bark':
      if (d.barkServerUrl.trim() && !isHttpUrl(d.barkServerUrl.trim()))
        errors['barkServerUrl'] = 'Give an http:// or https:// URL, or leave it empty.';
      if (!d.deviceKey && !isSecretSet(d, 'deviceKey')) errors['deviceKey'] = 'Give the device key.';
      break;
    case 'email': {
      if (!d.host.trim()) errors['host'] = 'Give the SMTP host.';
      if (d.port === null || !Number.isInteger(d.port) || d.port < 1 || d.port > 65535)
        errors['port'] = 'A port from 1 to 65535.';
      if (!EMAIL.test(d.from.trim())) errors['from'] = 'Give the sender address.';
      const to = addresses(d.to);
      if (to.length === 0 || to.length > 50) errors['to'] = 'Give 1 to 50 recipient addresses.';
      else if (to.some((a) => !EMAIL.test(a))) errors['to'] = 'One of the addresses is not valid.';
      break;
    }
  }
  return errors;
}

function webhookSettings(d: ChannelDraft): WebhookSettings {
  return {
    url: d.url.trim(),
    method: d.method,
    contentType: d.contentType.trim(),
    bodyTemplate: d.bodyTemplate ? d.bodyTemplate : null,
  };
}

function emailSettings(d: ChannelDraft): EmailSettings {
  return {
    host: d.host.trim(),
    port: d.port ?? 587,
    tlsMode: d.tlsMode,
    username: d.username.trim() || null,
    from: d.from.trim(),
    to: addresses(d.to),
  };
}

function settingsOf(d: ChannelDraft): ChannelSettings {
  if (isServiceType(d.type)) return serviceSettings({ ...d, type: d.type }) as ChannelSettings;
  switch (d.type) {
    case 'webhook':
      return webhookSettings(d);
    case 'telegram':
      return { chatId: d.chatId.trim() };
    case 'bark':
      return { serverUrl: d.barkServerUrl.trim() || null };
    case 'email':
      return emailSettings(d);
  }
}

/**
 * Webhook headers to send: a new or replaced one with its value; on an existing channel a removed
 * one as null (the hub merges headers by name, as it never shows the stored values).
 */
function headerChanges(d: ChannelDraft): Record<string, string | null> {
  const headers: Record<string, string | null> = {};
  for (const h of d.headers) {
    if (h.stored && h.remove) headers[h.name.trim()] = null;
    else if (h.value) headers[h.name.trim()] = h.value;
  }
  return headers;
}

/** Secrets of an edit: only what was typed (empty fields keep the stored values). */
function secretChanges(d: ChannelDraft): Record<string, unknown> {
  if (isServiceType(d.type)) return serviceSecrets({ ...d, type: d.type });
  switch (d.type) {
    case 'webhook': {
      const headers = headerChanges(d);
      return Object.keys(headers).length ? { headers } : {};
    }
    case 'telegram':
      return d.botToken ? { botToken: d.botToken } : {};
    case 'bark':
      return d.deviceKey ? { deviceKey: d.deviceKey } : {};
    case 'email':
      return d.password ? { password: d.password } : {};
  }
}

/** POST body of a new channel that validated. */
export function createChannelBody(d: ChannelDraft): CreateChannelBody {
  const common = { name: d.name.trim(), enabled: d.enabled };
  if (isServiceType(d.type)) return serviceChannelBody({ ...d, type: d.type });
  switch (d.type) {
    case 'webhook': {
      const headers: Record<string, string> = {};
      for (const h of d.headers) if (h.value) headers[h.name.trim()] = h.value;
      return { ...common, type: 'webhook', settings: webhookSettings(d), secrets: { headers } };
    }
    case 'telegram':
      return {
        ...common,
        type: 'telegram',
        settings: { chatId: d.chatId.trim() },
        secrets: { botToken: d.botToken },
      };
    case 'bark':
      return {
        ...common,
        type: 'bark',
        settings: { serverUrl: d.barkServerUrl.trim() || null },
        secrets: { deviceKey: d.deviceKey },
      };
    case 'email':
      return {
        ...common,
        type: 'email',
        settings: emailSettings(d),
        secrets: d.password ? { password: d.password } : {},
      };
  }
}

/** PATCH body of an existing channel that validated: settings whole, secrets only when typed. */
export function updateChannelBody(d: ChannelDraft): UpdateChannelBody {
  const secrets = secretChanges(d);
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    settings: { ...settingsOf(d) },
    ...(Object.keys(secrets).length ? { secrets } : {}),
  };
}
