import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertDeliveries } from './alert-deliveries.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsService } from './channels.service.js';
import { DeliveryLogController } from './delivery-log.controller.js';
import { DeliveryLogService } from './delivery-log.service.js';
import { DeliveryQueue } from './delivery-queue.js';
import { NotificationAttempt } from './notification-attempt.entity.js';
import { NotificationChannel } from './notification-channel.entity.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { NotificationGroup } from './notification-group.entity.js';
import { NotificationGroupsController } from './notification-groups.controller.js';
import { NotificationGroupsService } from './notification-groups.service.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { NotificationsJobs } from './notifications.jobs.js';
import { SecretBoxModule } from '../common/crypto/secret-box.module.js';
import { BarkSender } from './senders/bark.sender.js';
import { ChannelTransport } from './senders/channel-transport.js';
import { EmailSender } from './senders/email.sender.js';
import { HttpClient } from './senders/http-client.js';
import { TelegramSender } from './senders/telegram.sender.js';
import { WebhookSender } from './senders/webhook.sender.js';
import { TestNotificationService } from './test-notification.service.js';

/**
 * Channels, groups, the persisted delivery queue with retries, and the delivery log. Alert
 * notifications arrive as `alert.notify` events, queued in the alert's own transaction.
 */
@Module({
  imports: [
    SecretBoxModule,
    TypeOrmModule.forFeature([
      NotificationChannel,
      NotificationGroup,
      NotificationDelivery,
      NotificationAttempt,
    ]),
  ],
  controllers: [ChannelsController, NotificationGroupsController, DeliveryLogController],
  providers: [
    ChannelsService,
    NotificationGroupsService,
    DeliveryQueue,
    AlertDeliveries,
    DeliveryLogService,
    TestNotificationService,
    HttpClient,
    WebhookSender,
    TelegramSender,
    BarkSender,
    EmailSender,
    ChannelTransport,
    IntervalJobs,
    NotificationsJobs,
  ],
  exports: [NotificationGroupsService],
})
export class NotificationsModule {}
