import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { AppConfig } from '../config/app-config.js';
import { HourlyRollupService } from './hourly-rollup.service.js';
import { MinuteBucketWriter } from './minute-bucket.writer.js';
import { RetentionService } from './retention.service.js';

/**
 * The record jobs; each only delegates. The flush period comes from the config, hence a timer; it
 * stops on module destroy, and the writer's shutdown hook then writes every bucket.
 */
@Injectable()
export class RecordsJobs {
  private readonly logger = new Logger(RecordsJobs.name);

  constructor(
    config: AppConfig,
    intervals: IntervalJobs,
    private readonly writer: MinuteBucketWriter,
    private readonly rollup: HourlyRollupService,
    private readonly retention: RetentionService,
  ) {
    intervals.every('minute flush', config.records.flushIntervalMs, () => this.flush());
  }

  async flush(): Promise<void> {
    // The writer logs the failure and keeps the buckets for the next attempt.
    await this.writer.flushClosed().catch(() => undefined);
  }

  /** A few minutes past the hour, after the flush that wrote the hour's last minute. */
  @Cron('30 2 * * * *')
  async rollUp(): Promise<void> {
    await this.rollup
      .rollUpDirty()
      .catch((err: unknown) => this.logger.error({ err }, 'hourly roll-up failed'));
  }

  @Cron('0 17 * * * *')
  async enforceRetention(): Promise<void> {
    await this.retention.enforce().catch((err: unknown) => this.logger.error({ err }, 'retention failed'));
  }
}
