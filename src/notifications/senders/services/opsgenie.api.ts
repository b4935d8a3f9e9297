import type { OpsgenieSecrets, OpsgenieSettings } from '../../dto/channel.dto.js';
import type { NotificationMessage } from '../../message.js';
import { renderText, renderTitle } from '../../templates.js';
import { jsonPost, type ServiceApi } from '../service-sender.js';
import { baseOf, factsOf, incidentKey, truncate, urgencyOf, type Urgency } from './message-parts.js';

const PRIORITY: Record<Urgency, string> = { info: 'P5', warning: 'P3', critical: 'P1' };

function createBody(alias: string, m: NotificationMessage): Record<string, unknown> {
  return {
    message: truncate(renderTitle(m), 130),
    alias,
    description: truncate(renderText(m), 15_000),
    priority: PRIORITY[urgencyOf(m)],
    source: 'Hivewatch',
    entity: truncate(m.server, 512),
    tags: ['hivewatch', m.severity],
    details: factsOf(m),
  };
}

/**
 * Opsgenie Alert API: a firing alert (or a test) creates an alert (`POST {api}/v2/alerts`) whose
 * `alias` is the alert's key; its resolved message closes that alert by alias.
 */
export const opsgenieApi: ServiceApi = {
  label: 'Opsgenie',
  request(channel, m) {
    const { apiUrl } = channel.settings as OpsgenieSettings;
    const { apiKey } = channel.secrets as OpsgenieSecrets;
    const auth = { authorization: `GenieKey ${apiKey}` };
    const alias = incidentKey(channel, m);
    if (m.state === 'resolved') {
      const url = `${baseOf(apiUrl)}/v2/alerts/${encodeURIComponent(alias)}/close?identifierType=alias`;
      return jsonPost(url, { source: 'Hivewatch', note: truncate(m.message, 25_000) }, auth);
    }
    return jsonPost(`${baseOf(apiUrl)}/v2/alerts`, createBody(alias, m), auth);
  },
};
