import { Injectable } from '@nestjs/common';
import type { NotificationMessage } from '../message.js';
import { BarkSender } from './bark.sender.js';
import type { ChannelSender, ResolvedChannel, SendResult } from './channel-sender.js';
import { EmailSender } from './email.sender.js';
import { HttpClient } from './http-client.js';
import { ServiceSender } from './service-sender.js';
import { discordApi } from './services/discord.api.js';
import { gotifyApi } from './services/gotify.api.js';
import { ntfyApi } from './services/ntfy.api.js';
import { opsgenieApi } from './services/opsgenie.api.js';
import { pagerdutyApi } from './services/pagerduty.api.js';
import { slackApi } from './services/slack.api.js';
import { teamsApi } from './services/teams.api.js';
import { TelegramSender } from './telegram.sender.js';
import { WebhookSender } from './webhook.sender.js';

/** Routes a message to the sender of the channel's type. */
@Injectable()
export class ChannelTransport {
  private readonly senders: Record<ResolvedChannel['type'], ChannelSender>;

  constructor(
    webhook: WebhookSender,
    telegram: TelegramSender,
    bark: BarkSender,
    email: EmailSender,
    http: HttpClient,
  ) {
    const service = (api: ConstructorParameters<typeof ServiceSender>[1]) => new ServiceSender(http, api);
    this.senders = {
      webhook,
      telegram,
      bark,
      email,
      slack: service(slackApi),
      teams: service(teamsApi),
      discord: service(discordApi),
      ntfy: service(ntfyApi),
      gotify: service(gotifyApi),
      pagerduty: service(pagerdutyApi),
      opsgenie: service(opsgenieApi),
    };
  }

  send(channel: ResolvedChannel, message: NotificationMessage, timeoutMs: number): Promise<SendResult> {
    return this.senders[channel.type].send(channel, message, timeoutMs);
  }
}
