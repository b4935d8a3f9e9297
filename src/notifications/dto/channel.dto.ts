import { z } from 'zod';

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
]);
export type CreateChannelInput = z.infer<typeof createChannelSchema>;
export type ChannelType = CreateChannelInput['type'];

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
export type ChannelSettings = WebhookSettings | TelegramSettings | BarkSettings | EmailSettings;

export type WebhookSecrets = z.infer<typeof webhookSecretsSchema>;
export type TelegramSecrets = z.infer<typeof telegramSecretsSchema>;
export type BarkSecrets = z.infer<typeof barkSecretsSchema>;
export type EmailSecrets = z.infer<typeof emailSecretsSchema>;

/** Per type: how to validate settings and secrets on update. */
export const CHANNEL_SCHEMAS = {
  webhook: { settings: webhookSettingsSchema, secrets: webhookSecretsSchema },
  telegram: { settings: telegramSettingsSchema, secrets: telegramSecretsSchema },
  bark: { settings: barkSettingsSchema, secrets: barkSecretsSchema },
  email: { settings: emailSettingsSchema, secrets: emailSecretsSchema },
} as const;

/** A channel as the API shows it: no secret value, only which secrets are set. */
export interface ChannelView {
  id: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  settings: ChannelSettings;
  secretsSet: string[];
  createdAt: Date;
  updatedAt: Date;
}
