import type { GotifySecrets, GotifySettings } from '../../dto/channel.dto.js';
import { renderText, renderTitle } from '../../templates.js';
import { jsonPost, type ServiceApi } from '../service-sender.js';
import { absoluteLink, baseOf, urgencyOf, type Urgency } from './message-parts.js';

/** Gotify's clients: 4–7 a normal notification, 8 and above an intrusive one. */
const PRIORITY: Record<Urgency, number> = { info: 4, warning: 6, critical: 8 };

/** Gotify `POST {server}/message`, authenticated by the application token in `X-Gotify-Key`. */
export const gotifyApi: ServiceApi = {
  label: 'Gotify',
  request(channel, m) {
    const { serverUrl } = channel.settings as GotifySettings;
    const { appToken } = channel.secrets as GotifySecrets;
    const link = absoluteLink(m);
    const message = {
      title: renderTitle(m),
      message: renderText(m),
      priority: PRIORITY[urgencyOf(m)],
      ...(link ? { extras: { 'client::notification': { click: { url: link } } } } : {}),
    };
    return jsonPost(`${baseOf(serverUrl)}/message`, message, { 'x-gotify-key': appToken });
  },
};
