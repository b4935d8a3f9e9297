import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { AppConfig } from '../config/app-config.js';
import { TrafficWriter } from './traffic.writer.js';

/** Flushes accumulated traffic every period and once more on shutdown; it only delegates. */
@Injectable()
export class TrafficJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TrafficJobs.name);

  constructor(
    private readonly config: AppConfig,
    intervals: IntervalJobs,
    private readonly traffic: TrafficWriter,
  ) {
    intervals.every('traffic flush', config.traffic.flushIntervalMs, () => this.flush());
  }

  /** After the timer stopped (module destroy): what is left is written. */
  async beforeApplicationShutdown(): Promise<void> {
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
