import { z } from 'zod';
import { silenceSchema } from './alerts.js';
import { limitParam, outcomeSchema, pageSchema, timeParam, wireTimeSchema } from './common.js';

/**
 * `/api/v1/notification-channels`, `/api/v1/notification-groups`, `/api/v1/notification-deliveries`
 * and `/api/v1/notification-attempts` (src/notifications).
 */

const httpUrl = z.url({ protocol: /^https?$/ });
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'invalid header name');
const email = z.email();

export const webhookSettingsSchema = z.object({
  url: httpUrl,
  method: z.enum(['POST', 'PUT', 'PATCH', 'GET']).default('POST'),
  contentType: z.string().min(1).max(100).default('application/json'),
  /** Body with {{variables}} (docs/alerts.md); absent = a JSON object of every variable. */
  bodyTemplate: z.string().max(20_000).nullable().default(null),
});
export const webhookSecretsSchema = z.object({
  /** Header values may carry credentials: stored sealed, names shown, values never returned. */
  headers: z.record(headerName, z.string().max(4000)).default({}),
});

export const telegramSettingsSchema = z.object({ chatId: z.string().min(1).max(64) });
export const telegramSecretsSchema = z.object({ botToken: z.string().min(1).max(200) });

export const barkSettingsSchema = z.object({
  /** Self-hosted Bark server; absent = HIVEWATCH_BARK_URL. */
  serverUrl: httpUrl.nullable().default(null),
});
export const barkSecretsSchema = z.object({ deviceKey: z.string().min(1).max(200) });

export const emailSettingsSchema = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(587),
  /** none: plain SMTP; starttls: upgrade required; tls: implicit TLS (port 465). */
  tlsMode: z.enum(['none', 'starttls', 'tls']).default('starttls'),
  username: z.string().max(255).nullable().default(null),
  from: email,
  to: z.array(email).min(1).max(50),
});
export const emailSecretsSchema = z.object({ password: z.string().max(500).optional() });

/**
 * A hosted service's API base: the real service by default, another one (a self-hosted or regional
 * endpoint, a test stand-in) when given.
 */
const apiBase = (service: string) => httpUrl.max(500).default(service);
/** Slack, Teams and Discord webhook URLs carry their own token, so the whole URL is a secret. */
const webhookUrlSecrets = z.object({ webhookUrl: httpUrl.max(2000) });
const noSettings = z.object({}).default({});
/** A key or token a service takes in a header: printable ASCII without spaces. */
const serviceToken = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII without spaces, at most 200');

export const slackSettingsSchema = noSettings;
export const slackSecretsSchema = webhookUrlSecrets;
export const teamsSettingsSchema = noSettings;
export const teamsSecretsSchema = webhookUrlSecrets;
export const discordSettingsSchema = noSettings;
export const discordSecretsSchema = webhookUrlSecrets;

export const ntfySettingsSchema = z.object({
  serverUrl: apiBase('https://ntfy.sh'),
  /** ntfy's topic rule: letters, digits, `-` and `_`, at most 64. */
  topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (at most 64)'),
});
/** Access token of a protected topic (`tk_…`), sent as a bearer token. */
export const ntfySecretsSchema = z.object({ token: serviceToken.optional() });

export const gotifySettingsSchema = z.object({ serverUrl: httpUrl.max(500) });
export const gotifySecretsSchema = z.object({ appToken: serviceToken });

export const pagerdutySettingsSchema = z.object({ apiUrl: apiBase('https://events.pagerduty.com') });
/** The Events API v2 integration key of the service. */
export const pagerdutySecretsSchema = z.object({ routingKey: serviceToken });

/** EU accounts use https://api.eu.opsgenie.com. */
export const opsgenieSettingsSchema = z.object({ apiUrl: apiBase('https://api.opsgenie.com') });
/** The key of an Opsgenie API integration (sent as `GenieKey`). */
export const opsgenieSecretsSchema = z.object({ apiKey: serviceToken });

const common = { name: z.string().trim().min(1).max(100), enabled: z.boolean().default(true) };

export const createChannelSchema = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('webhook'),
    settings: webhookSettingsSchema,
    secrets: webhookSecretsSchema.default({ headers: {} }),
  }),
  z.object({
    ...common,
    type: z.literal('telegram'),
    settings: telegramSettingsSchema,
    secrets: telegramSecretsSchema,
  }),
  z.object({ ...common, type: z.literal('bark'), settings: barkSettingsSchema, secrets: barkSecretsSchema }),
  z.object({
    ...common,
    type: z.literal('email'),
    settings: emailSettingsSchema,
    secrets: emailSecretsSchema.default({}),
  }),
  z.object({
    ...common,
    type: z.literal('slack'),
    settings: slackSettingsSchema,
    secrets: slackSecretsSchema,
  }),
  z.object({
    ...common,
    type: z.literal('teams'),
    settings: teamsSettingsSchema,
    secrets: teamsSecretsSchema,
  }),
  z.object({
    ...common,
    type: z.literal('discord'),
    settings: discordSettingsSchema,
    secrets: discordSecretsSchema,
  }),
  z.object({
    ...common,
    type: z.literal('ntfy'),
    settings: ntfySettingsSchema,
    secrets: ntfySecretsSchema.default({}),
  }),
  z.object({
    ...common,
    type: z.literal('gotify'),
    settings: gotifySettingsSchema,
    secrets: gotifySecretsSchema,
  }),
  z.object({
    ...common,
    type: z.literal('pagerduty'),
    settings: pagerdutySettingsSchema,
    secrets: pagerdutySecretsSchema,
  }),
  z.object({
    ...common,
    type: z.literal('opsgenie'),
    settings: opsgenieSettingsSchema,
    secrets: opsgenieSecretsSchema,
  }),
]);
export type CreateChannelInput = z.infer<typeof createChannelSchema>;
export type ChannelType = CreateChannelInput['type'];
export const CHANNEL_TYPES = [
  'webhook',
  'telegram',
  'bark',
  'email',
  'slack',
  'teams',
  'discord',
  'ntfy',
  'gotify',
  'pagerduty',
  'opsgenie',
] as const satisfies readonly ChannelType[];

/** Settings replace the old ones when given; secrets are merged key by key (absent keys are kept). */
export const updateChannelSchema = z
  .object({
    name: common.name,
    enabled: z.boolean(),
    settings: z.record(z.string(), z.unknown()),
    secrets: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
export type TelegramSettings = z.infer<typeof telegramSettingsSchema>;
export type BarkSettings = z.infer<typeof barkSettingsSchema>;
export type EmailSettings = z.infer<typeof emailSettingsSchema>;
export type WebhookUrlSettings = z.infer<typeof slackSettingsSchema>;
export type NtfySettings = z.infer<typeof ntfySettingsSchema>;
export type GotifySettings = z.infer<typeof gotifySettingsSchema>;
export type PagerdutySettings = z.infer<typeof pagerdutySettingsSchema>;
export type OpsgenieSettings = z.infer<typeof opsgenieSettingsSchema>;
export type ChannelSettings =
  | WebhookSettings
  | TelegramSettings
  | BarkSettings
  | EmailSettings
  | WebhookUrlSettings
  | NtfySettings
  | GotifySettings
  | PagerdutySettings
  | OpsgenieSettings;

export type WebhookSecrets = z.infer<typeof webhookSecretsSchema>;
export type TelegramSecrets = z.infer<typeof telegramSecretsSchema>;
export type BarkSecrets = z.infer<typeof barkSecretsSchema>;
export type EmailSecrets = z.infer<typeof emailSecretsSchema>;
export type WebhookUrlSecrets = z.infer<typeof slackSecretsSchema>;
export type NtfySecrets = z.infer<typeof ntfySecretsSchema>;
export type GotifySecrets = z.infer<typeof gotifySecretsSchema>;
export type PagerdutySecrets = z.infer<typeof pagerdutySecretsSchema>;
export type OpsgenieSecrets = z.infer<typeof opsgenieSecretsSchema>;

/** Per type: how to validate settings and secrets on update. */
export const CHANNEL_SCHEMAS = {
  webhook: { settings: webhookSettingsSchema, secrets: webhookSecretsSchema },
  telegram: { settings: telegramSettingsSchema, secrets: telegramSecretsSchema },
  bark: { settings: barkSettingsSchema, secrets: barkSecretsSchema },
  email: { settings: emailSettingsSchema, secrets: emailSecretsSchema },
  slack: { settings: slackSettingsSchema, secrets: slackSecretsSchema },
  teams: { settings: teamsSettingsSchema, secrets: teamsSecretsSchema },
  discord: { settings: discordSettingsSchema, secrets: discordSecretsSchema },
  ntfy: { settings: ntfySettingsSchema, secrets: ntfySecretsSchema },
  gotify: { settings: gotifySettingsSchema, secrets: gotifySecretsSchema },
  pagerduty: { settings: pagerdutySettingsSchema, secrets: pagerdutySecretsSchema },
  opsgenie: { settings: opsgenieSettingsSchema, secrets: opsgenieSecretsSchema },
} as const satisfies Record<ChannelType, { settings: z.ZodType; secrets: z.ZodType }>;

/** A channel as the API shows it: no secret value, only which secrets are set. */
export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CHANNEL_TYPES),
  enabled: z.boolean(),
  settings: z.union([
    webhookSettingsSchema,
    telegramSettingsSchema,
    barkSettingsSchema,
    emailSettingsSchema,
    ntfySettingsSchema,
    gotifySettingsSchema,
    pagerdutySettingsSchema,
    opsgenieSettingsSchema,
    slackSettingsSchema,
  ]),
  secretsSet: z.array(z.string()),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
});
export type Channel = z.infer<typeof channelSchema>;

export const createNotificationGroupSchema = z.object({
  name: z.string().trim().min(1).max(100),
  channelIds: z.array(z.uuid()).max(50).default([]),
  silence: silenceSchema.nullable().default(null),
});
export type CreateNotificationGroupInput = z.infer<typeof createNotificationGroupSchema>;

export const updateNotificationGroupSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    channelIds: z.array(z.uuid()).max(50),
    silence: silenceSchema.nullable(),
  })
  .partial()
  .strict();
export type UpdateNotificationGroupInput = z.infer<typeof updateNotificationGroupSchema>;

export const notificationGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  channelIds: z.array(z.string()),
  /** Daily UTC window during which this group's notifications are held back. */
  silence: silenceSchema.nullable(),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
});
export type NotificationGroup = z.infer<typeof notificationGroupSchema>;

export const attemptQuerySchema = z.object({
  channelId: z.uuid().optional(),
  deliveryId: z.coerce.number().int().positive().optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: limitParam(),
});
export type AttemptQuery = z.infer<typeof attemptQuerySchema>;

export const DELIVERY_STATUSES = ['queued', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const deliveryQuerySchema = z.object({
  channelId: z.uuid().optional(),
  alertId: z.uuid().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: limitParam(),
});
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;

/** What a notification says: the variables a webhook template may use (docs/alerts.md). */
export const notificationMessageSchema = z.object({
  /** firing | resolved | test */
  state: z.enum(['firing', 'resolved', 'test']),
  server: z.string(),
  serverId: z.string(),
  rule: z.string(),
  ruleId: z.string(),
  alertId: z.string(),
  severity: z.string(),
  metric: z.string(),
  value: z.string(),
  threshold: z.string(),
  unit: z.string(),
  message: z.string(),
  /** ISO-8601 UTC. */
  time: z.string(),
  /** Console page of the server. */
  link: z.string(),
});
export type NotificationMessage = z.infer<typeof notificationMessageSchema>;
export type TemplateVariable = keyof NotificationMessage;
export const TEMPLATE_VARIABLES = notificationMessageSchema.keyof().options as readonly TemplateVariable[];

/** One message to one channel: a row of the delivery queue. */
export const deliverySchema = z.object({
  id: z.number(),
  channelId: z.string(),
  alertId: z.string().nullable(),
  message: notificationMessageSchema,
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  /** 1 for a "send test"; the retry schedule's length + 1 for alerts. */
  maxAttempts: z.number(),
  nextAttemptAt: wireTimeSchema,
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
});
export type Delivery = z.infer<typeof deliverySchema>;
export const deliveryPageSchema = pageSchema(deliverySchema);
export type DeliveryPage = z.infer<typeof deliveryPageSchema>;

/** One attempt of the delivery log. */
export const deliveryAttemptSchema = z.object({
  id: z.number(),
  deliveryId: z.number(),
  channelId: z.string(),
  channelName: z.string(),
  attempt: z.number(),
  at: wireTimeSchema,
  outcome: outcomeSchema,
  responseCode: z.number().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  /** What the message was about, for the log view (e.g. "firing: High CPU on web-1"). */
  summary: z.string(),
});
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;
export const attemptPageSchema = pageSchema(deliveryAttemptSchema);
export type AttemptPage = z.infer<typeof attemptPageSchema>;

/** How one send attempt went. */
export const attemptOutcomeSchema = z.object({
  outcome: outcomeSchema,
  responseCode: z.number().nullable(),
  error: z.string().nullable(),
});
export type AttemptOutcome = z.infer<typeof attemptOutcomeSchema>;

/** `POST /notification-channels/:id/test`. */
export const channelTestResultSchema = attemptOutcomeSchema.extend({ deliveryId: z.number() });
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The secrets a PATCH leaves: key by key over the stored ones (absent keys are kept). Webhook
 * headers are merged by header name as well, since a client is never shown the stored values it
 * would need to send back; a header given as null is removed.
 */
export function mergeSecrets(
  type: ChannelType,
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored, ...patch };
  if (type === 'webhook' && isRecord(patch['headers'])) {
    const headers: Record<string, unknown> = {
      ...(isRecord(stored['headers']) ? stored['headers'] : {}),
      ...patch['headers'],
    };
    for (const [name, value] of Object.entries(headers)) if (value === null) delete headers[name];
    merged['headers'] = headers;
  }
  return merged;
}
