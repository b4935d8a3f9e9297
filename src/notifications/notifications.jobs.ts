import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { DeliveryLogService } from './delivery-log.service.js';
import { DeliveryQueue } from './delivery-queue.js';

const LOG_RETENTION_DAYS = 90;

/** The delivery worker's timer; it only delegates. Shutdown waits for sends in progress. */
@Injectable()
export class NotificationsJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsJobs.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly queue: DeliveryQueue,
    private readonly log: DeliveryLogService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.deliver(), this.config.notifications.pollIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.queue.drain();
  }

  async deliver(): Promise<void> {
    await this.queue.poll().catch((err: unknown) => this.logger.error({ err }, 'delivery pass failed'));
  }

  /** The delivery log keeps LOG_RETENTION_DAYS days. */
  @Cron('0 41 3 * * *')
  async prune(): Promise<void> {
    await this.log
      .prune(LOG_RETENTION_DAYS, Date.now())
      .catch((err: unknown) => this.logger.error({ err }, 'delivery log pruning failed'));
  }
}
