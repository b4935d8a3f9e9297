import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { ChannelsService } from './channels.service.js';
import { DeliveryQueue, type AttemptOutcome } from './delivery-queue.js';
import type { NotificationMessage } from './message.js';

/** "Send test" on a channel: a sample message through the real queue and sender. */
@Injectable()
export class TestNotificationService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly queue: DeliveryQueue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async send(channelId: string, ctx: ActorContext): Promise<AttemptOutcome & { deliveryId: number }> {
    const channel = await this.channels.get(channelId);
    const message: NotificationMessage = {
      state: 'test',
      server: 'test-server',
      serverId: '',
      rule: channel.name,
      ruleId: '',
      alertId: '',
      severity: 'info',
      metric: 'test',
      value: '0',
      threshold: '0',
      unit: '',
      message: 'Hivewatch test notification',
      time: new Date(this.clock.now()).toISOString(),
      link: '',
    };
    const result = await this.queue.sendTest(channelId, message);
    await this.audit.record({
      ...ctx,
      action: 'notification-channel.test',
      outcome: result.outcome,
      target: { type: 'notification-channel', id: channelId },
      detail: { deliveryId: result.deliveryId, responseCode: result.responseCode },
    });
    return result;
  }
}
