import { Injectable } from '@nestjs/common';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { AppConfig } from '../config/app-config.js';
import { DockerWriter } from './store/docker-writer.service.js';

/** The container minute flush, on the records' flush period; it only delegates. */
@Injectable()
export class DockerJobs {
  constructor(
    config: AppConfig,
    intervals: IntervalJobs,
    private readonly writer: DockerWriter,
  ) {
    intervals.every('container minute flush', config.records.flushIntervalMs, () => this.flush());
  }

  async flush(): Promise<void> {
    // the writer logs the failure and keeps the minutes for the next attempt
    await this.writer.flushMinutes().catch(() => undefined);
  }
}
