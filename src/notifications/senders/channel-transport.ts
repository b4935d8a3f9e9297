import { Injectable } from '@nestjs/common';
import type { NotificationMessage } from '../message.js';
import { BarkSender } from './bark.sender.js';
import type { ChannelSender, ResolvedChannel, SendResult } from './channel-sender.js';
import { EmailSender } from './email.sender.js';
import { TelegramSender } from './telegram.sender.js';
import { WebhookSender } from './webhook.sender.js';

/** Routes a message to the sender of the channel's type. */
@Injectable()
export class ChannelTransport {
  private readonly senders: Record<ResolvedChannel['type'], ChannelSender>;

  constructor(webhook: WebhookSender, telegram: TelegramSender, bark: BarkSender, email: EmailSender) {
    this.senders = { webhook, telegram, bark, email };
  }

  send(channel: ResolvedChannel, message: NotificationMessage, timeoutMs: number): Promise<SendResult> {
    return this.senders[channel.type].send(channel, message, timeoutMs);
  }
}
