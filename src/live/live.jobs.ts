import { Injectable } from '@nestjs/common';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { AppConfig } from '../config/app-config.js';
import { ApiStreamsService } from './api-streams.service.js';
import { BrowserHub } from './browser-hub.service.js';
import { Heartbeat } from './heartbeat.js';

/** The live streams' timers (periods from the config); each only delegates. */
@Injectable()
export class LiveJobs {
  constructor(
    config: AppConfig,
    intervals: IntervalJobs,
    private readonly browsers: BrowserHub,
    private readonly apiStreams: ApiStreamsService,
    private readonly heartbeat: Heartbeat,
  ) {
    const { batchMs, pingIntervalMs, authRecheckMs } = config.live;
    intervals.every('live batch', batchMs, () => this.batch());
    intervals.every('live heartbeat', pingIntervalMs, () => this.heartbeat.beat());
    intervals.every('credential re-check', authRecheckMs, () => this.recheckCredentials());
  }

  batch(): void {
    this.browsers.tick(Date.now());
    this.apiStreams.tick();
  }

  async recheckCredentials(): Promise<void> {
    await Promise.all([this.browsers.recheckSessions(), this.apiStreams.recheckTokens()]);
  }
}
