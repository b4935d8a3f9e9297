import type { NtfySecrets, NtfySettings } from '../../dto/channel.dto.js';
import type { NotificationMessage } from '../../message.js';
import { renderText, renderTitle } from '../../templates.js';
import type { ServiceApi } from '../service-sender.js';
import { absoluteLink, baseOf, urgencyOf, type Urgency } from './message-parts.js';

/** ntfy priorities: 3 default, 4 high, 5 urgent. */
const PRIORITY: Record<Urgency, string> = { info: '3', warning: '4', critical: '5' };

/** Tags shown as emoji by ntfy's clients. */
function tagsOf(m: NotificationMessage): string {
  const mark =
    m.state === 'resolved'
      ? 'white_check_mark'
      : m.state === 'test'
        ? 'test_tube'
        : urgencyOf(m) === 'info'
          ? 'information_source'
          : 'rotating_light';
  return `${mark},hivewatch`;
}

/** HTTP header values are Latin-1: other text goes as an RFC 2047 encoded word, which ntfy decodes. */
export function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** ntfy publish: the text as the body of `POST {server}/{topic}`, the rest in headers. */
export const ntfyApi: ServiceApi = {
  label: 'ntfy',
  request(channel, m) {
    const { serverUrl, topic } = channel.settings as NtfySettings;
    const { token } = channel.secrets as NtfySecrets;
    const link = absoluteLink(m);
    const headers: Record<string, string> = {
      'content-type': 'text/plain; charset=utf-8',
      'user-agent': 'Hivewatch',
      title: headerText(renderTitle(m)),
      priority: PRIORITY[urgencyOf(m)],
      tags: tagsOf(m),
      ...(link ? { click: link } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    return { method: 'POST', url: `${baseOf(serverUrl)}/${topic}`, headers, body: renderText(m) };
  },
};
