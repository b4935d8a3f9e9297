import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AlertsService } from './alerts.service.js';

/** The evaluator's timer (period from the config); it only delegates. */
@Injectable()
export class AlertsJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertsJobs.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly alerts: AlertsService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.evaluate(), this.config.alerts.evalIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async evaluate(): Promise<void> {
    await this.alerts.tick().catch((err: unknown) => this.logger.error({ err }, 'alert evaluation failed'));
  }
}
