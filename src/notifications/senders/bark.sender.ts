import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { BarkSecrets, BarkSettings } from '../dto/channel.dto.js';
import type { NotificationMessage } from '../message.js';
import { renderText, renderTitle } from '../templates.js';
import type { ChannelSender, ResolvedChannel, SendResult } from './channel-sender.js';
import { HttpClient } from './http-client.js';

/** Bark's JSON push API (`POST {server}/push`). */
@Injectable()
export class BarkSender implements ChannelSender {
  constructor(
    private readonly http: HttpClient,
    private readonly config: AppConfig,
  ) {}

  async send(channel: ResolvedChannel, m: NotificationMessage, timeoutMs: number): Promise<SendResult> {
    const { serverUrl } = channel.settings as BarkSettings;
    const { deviceKey } = channel.secrets as BarkSecrets;
    const base = (serverUrl ?? this.config.notifications.barkUrl).replace(/\/+$/, '');
    const push = {
      device_key: deviceKey,
      title: renderTitle(m),
      body: renderText(m),
      group: 'hivewatch',
      ...(m.link ? { url: m.link } : {}),
    };
    const status = await this.http.postJson(
      `${base}/push`,
      push,
      timeoutMs,
      'application/json; charset=utf-8',
    );
    return { responseCode: status };
  }
}
