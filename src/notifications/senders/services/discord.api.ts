import type { WebhookUrlSecrets } from '../../dto/channel.dto.js';
import { renderText } from '../../templates.js';
import { jsonPost, type ServiceApi } from '../service-sender.js';
import { truncate } from './message-parts.js';

/** Discord rejects a message whose `content` is longer than this. */
export const DISCORD_CONTENT_LIMIT = 2000;

/**
 * Discord webhook: `{content}` as plain text within Discord's 2000-character limit; mentions are
 * disabled so a server or rule name such as "@everyone" pings nobody.
 */
export const discordApi: ServiceApi = {
  label: 'Discord',
  request(channel, m) {
    const { webhookUrl } = channel.secrets as WebhookUrlSecrets;
    return jsonPost(webhookUrl, {
      content: truncate(renderText(m), DISCORD_CONTENT_LIMIT),
      allowed_mentions: { parse: [] },
    });
  },
};
