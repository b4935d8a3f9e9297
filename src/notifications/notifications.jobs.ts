import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { AppConfig } from '../config/app-config.js';
import { DeliveryLogService } from './delivery-log.service.js';
import { DeliveryQueue } from './delivery-queue.js';

const LOG_RETENTION_DAYS = 90;

/** The delivery worker's timer; it only delegates. Shutdown waits for sends in progress. */
@Injectable()
export class NotificationsJobs implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationsJobs.name);

  constructor(
    config: AppConfig,
    intervals: IntervalJobs,
    private readonly queue: DeliveryQueue,
    private readonly log: DeliveryLogService,
  ) {
    intervals.every('delivery pass', config.notifications.pollIntervalMs, () => this.deliver());
  }

  /** IntervalJobs (listed first in the module) has stopped the timer by now. */
  async onModuleDestroy(): Promise<void> {
    await this.queue.drain();
  }

  deliver(): Promise<void> {
    return this.queue.poll();
  }

  /** The delivery log keeps LOG_RETENTION_DAYS days. */
  @Cron('0 41 3 * * *')
  async prune(): Promise<void> {
    await this.log
      .prune(LOG_RETENTION_DAYS, Date.now())
      .catch((err: unknown) => this.logger.error({ err }, 'delivery log pruning failed'));
  }
}
