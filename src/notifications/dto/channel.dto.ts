import type { ChannelSettings, ChannelType } from '@hivewatch/protocol';

export {
  barkSecretsSchema,
  barkSettingsSchema,
  CHANNEL_SCHEMAS,
  createChannelSchema,
  emailSecretsSchema,
  emailSettingsSchema,
  telegramSecretsSchema,
  telegramSettingsSchema,
  updateChannelSchema,
  webhookSecretsSchema,
  webhookSettingsSchema,
  type BarkSecrets,
  type BarkSettings,
  type ChannelSettings,
  type ChannelType,
  type CreateChannelInput,
  type EmailSecrets,
  type EmailSettings,
  type GotifySecrets,
  type GotifySettings,
  type NtfySecrets,
  type NtfySettings,
  type OpsgenieSecrets,
  type OpsgenieSettings,
  type PagerdutySecrets,
  type PagerdutySettings,
  type TelegramSecrets,
  type TelegramSettings,
  type UpdateChannelInput,
  type WebhookSecrets,
  type WebhookSettings,
  type WebhookUrlSecrets,
} from '@hivewatch/protocol';

/** A channel as the API shows it: no secret value, only which secrets are set (protocol `Channel`). */
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
