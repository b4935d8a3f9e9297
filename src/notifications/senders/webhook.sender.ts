import { Injectable } from '@nestjs/common';
import type { WebhookSecrets, WebhookSettings } from '../dto/channel.dto.js';
import type { NotificationMessage } from '../message.js';
import { defaultWebhookBody, renderTemplate } from '../templates.js';
import type { ChannelSender, ResolvedChannel, SendResult } from './channel-sender.js';
import { HttpClient } from './http-client.js';

@Injectable()
export class WebhookSender implements ChannelSender {
  constructor(private readonly http: HttpClient) {}

  async send(channel: ResolvedChannel, m: NotificationMessage, timeoutMs: number): Promise<SendResult> {
    const settings = channel.settings as WebhookSettings;
    const secrets = channel.secrets as Partial<WebhookSecrets>;
    const json = /json/i.test(settings.contentType);
    const body =
      settings.bodyTemplate === null
        ? defaultWebhookBody(m)
        : renderTemplate(settings.bodyTemplate, m, json ? 'json' : 'none');
    const headers: Record<string, string> = {
      'content-type': settings.contentType,
      'user-agent': 'Hivewatch',
    };
    for (const [name, value] of Object.entries(secrets.headers ?? {}))
      headers[name] = renderTemplate(value, m);
    const status = await this.http.request({
      method: settings.method,
      url: settings.url,
      headers,
      body,
      timeoutMs,
    });
    return { responseCode: status };
  }
}
