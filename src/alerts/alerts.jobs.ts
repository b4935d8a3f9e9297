import { Injectable } from '@nestjs/common';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { AppConfig } from '../config/app-config.js';
import { AlertsService } from './alerts.service.js';

/** The evaluator's timer (period from the config); it only delegates. */
@Injectable()
export class AlertsJobs {
  constructor(
    config: AppConfig,
    intervals: IntervalJobs,
    private readonly alerts: AlertsService,
  ) {
    intervals.every('alert evaluation', config.alerts.evalIntervalMs, () => this.evaluate());
  }

  evaluate(): Promise<void> {
    return this.alerts.tick();
  }
}
