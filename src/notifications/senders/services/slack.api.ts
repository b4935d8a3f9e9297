import type { WebhookUrlSecrets } from '../../dto/channel.dto.js';
import { renderText, renderTitle } from '../../templates.js';
import { jsonPost, type ServiceApi } from '../service-sender.js';
import { truncate } from './message-parts.js';

/** Slack's mrkdwn reserves `&`, `<` and `>`: they must be sent as entities. */
function mrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack incoming webhook: `{text, blocks}`; `text` is the notification's fallback line, the block
 * carries the full text (a section's text is limited to 3000 characters).
 */
export const slackApi: ServiceApi = {
  label: 'Slack',
  request(channel, m) {
    const { webhookUrl } = channel.secrets as WebhookUrlSecrets;
    return jsonPost(webhookUrl, {
      text: mrkdwn(renderTitle(m)),
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn(renderText(m)), 3000) } }],
    });
  },
};
