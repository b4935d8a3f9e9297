import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { TelegramSecrets, TelegramSettings } from '../dto/channel.dto.js';
import type { NotificationMessage } from '../message.js';
import { renderText } from '../templates.js';
import type { ChannelSender, ResolvedChannel, SendResult } from './channel-sender.js';
import { HttpClient } from './http-client.js';

/** Bot API `sendMessage` (plain text; the bot token is part of the URL, so the URL is never logged). */
@Injectable()
export class TelegramSender implements ChannelSender {
  constructor(
    private readonly http: HttpClient,
    private readonly config: AppConfig,
  ) {}

  async send(channel: ResolvedChannel, m: NotificationMessage, timeoutMs: number): Promise<SendResult> {
    const { chatId } = channel.settings as TelegramSettings;
    const { botToken } = channel.secrets as TelegramSecrets;
    const url = `${this.config.notifications.telegramApiUrl}/bot${botToken}/sendMessage`;
    const message = { chat_id: chatId, text: renderText(m), disable_web_page_preview: true };
    const status = await this.http.postJson(url, message, timeoutMs);
    return { responseCode: status };
  }
}
