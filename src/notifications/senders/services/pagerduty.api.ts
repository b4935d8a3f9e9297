import type { PagerdutySecrets, PagerdutySettings } from '../../dto/channel.dto.js';
import type { NotificationMessage } from '../../message.js';
import { renderTitle } from '../../templates.js';
import { jsonPost, type ServiceApi } from '../service-sender.js';
import { absoluteLink, baseOf, factsOf, incidentKey, truncate, urgencyOf } from './message-parts.js';

function triggerPayload(m: NotificationMessage): Record<string, unknown> {
  const link = absoluteLink(m);
  return {
    payload: {
      summary: truncate(`${renderTitle(m)}: ${m.message}`, 1024),
      source: m.server || 'hivewatch',
      // Hivewatch's severities (info, warning, critical) are all PagerDuty severities.
      severity: urgencyOf(m),
      timestamp: m.time,
      component: m.metric || undefined,
      class: m.rule,
      custom_details: { ...factsOf(m), message: m.message, serverId: m.serverId, ruleId: m.ruleId },
    },
    client: 'Hivewatch',
    ...(link ? { client_url: link, links: [{ href: link, text: 'Open in Hivewatch' }] } : {}),
  };
}

/**
 * PagerDuty Events API v2 (`POST {api}/v2/enqueue`): a firing alert (or a test) triggers, its
 * resolved message resolves, both under the same `dedup_key`, so PagerDuty closes the incident the
 * alert opened.
 */
export const pagerdutyApi: ServiceApi = {
  label: 'PagerDuty',
  request(channel, m) {
    const { apiUrl } = channel.settings as PagerdutySettings;
    const { routingKey } = channel.secrets as PagerdutySecrets;
    const resolve = m.state === 'resolved';
    return jsonPost(`${baseOf(apiUrl)}/v2/enqueue`, {
      routing_key: routingKey,
      event_action: resolve ? 'resolve' : 'trigger',
      dedup_key: incidentKey(channel, m),
      ...(resolve ? {} : triggerPayload(m)),
    });
  },
};
