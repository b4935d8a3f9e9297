import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { TrafficService } from './traffic.service.js';

/** Flushes accumulated traffic every period and once more on shutdown; it only delegates. */
@Injectable()
export class TrafficJobs implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrafficJobs.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly traffic: TrafficService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.traffic.flushIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    await this.traffic.flush();
  }

  /** Hourly traffic rows follow the hourly-record retention (HIVEWATCH_RETENTION_HOURLY_DAYS). */
  @Cron('0 23 * * * *')
  async enforceRetention(): Promise<void> {
    await this.traffic
      .enforceRetention(this.config.records.retention.hourlyDays)
      .catch((err: unknown) => this.logger.error({ err }, 'traffic retention failed'));
  }
}
