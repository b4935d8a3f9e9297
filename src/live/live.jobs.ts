import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ApiStreamsService } from './api-streams.service.js';
import { BrowserHub } from './browser-hub.service.js';
import { Heartbeat } from './heartbeat.js';

/** The live streams' timers (periods from the config); each only delegates. */
@Injectable()
export class LiveJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveJobs.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly browsers: BrowserHub,
    private readonly apiStreams: ApiStreamsService,
    private readonly heartbeat: Heartbeat,
  ) {}

  onApplicationBootstrap(): void {
    const { batchMs, pingIntervalMs, authRecheckMs } = this.config.live;
    this.every(batchMs, () => this.batch());
    this.every(pingIntervalMs, () => this.heartbeat.beat());
    this.every(authRecheckMs, () => void this.recheckCredentials());
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  batch(): void {
    this.browsers.tick(Date.now());
    this.apiStreams.tick();
  }

  async recheckCredentials(): Promise<void> {
    await Promise.all([this.browsers.recheckSessions(), this.apiStreams.recheckTokens()]).catch(
      (err: unknown) => this.logger.error({ err }, 'credential re-check failed'),
    );
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(() => {
      try {
        run();
      } catch (err) {
        this.logger.error({ err }, 'live stream job failed');
      }
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
