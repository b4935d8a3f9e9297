import type { WebhookUrlSecrets } from '../../dto/channel.dto.js';
import type { NotificationMessage } from '../../message.js';
import { renderTitle } from '../../templates.js';
import { jsonPost, type ServiceApi } from '../service-sender.js';
import { absoluteLink, factsOf } from './message-parts.js';

const COLOR: Record<NotificationMessage['state'], string> = {
  firing: 'Attention',
  resolved: 'Good',
  test: 'Accent',
};

function adaptiveCard(m: NotificationMessage): Record<string, unknown> {
  const link = absoluteLink(m);
  const facts = Object.entries(factsOf(m)).map(([title, value]) => ({ title, value }));
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: renderTitle(m),
        weight: 'Bolder',
        size: 'Medium',
        color: COLOR[m.state],
        wrap: true,
      },
      { type: 'TextBlock', text: m.message, wrap: true },
      { type: 'FactSet', facts },
    ],
    ...(link ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Hivewatch', url: link }] } : {}),
  };
}

/**
 * Microsoft Teams through a Workflows ("Post to a channel when a webhook request is received")
 * webhook: a message with one Adaptive Card attachment.
 */
export const teamsApi: ServiceApi = {
  label: 'Teams',
  request(channel, m) {
    const { webhookUrl } = channel.secrets as WebhookUrlSecrets;
    return jsonPost(webhookUrl, {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: adaptiveCard(m),
        },
      ],
    });
  },
};
