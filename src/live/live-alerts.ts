import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HubEvents } from '../common/events/hub-events.js';
import { apiAlertFrame } from './api-alert-frame.js';
import { ApiStreamsService } from './api-streams.service.js';
import { BrowserHub } from './browser-hub.service.js';

/**
 * Alert state changes (`alert.changed`, after their commit) to every console and to the server's API
 * streams. An acknowledgement or snooze (`update` set) goes to consoles only: seed 001's API frame
 * knows firing and resolving, and a repeated `triggered` frame would read as a new firing.
 */
@Injectable()
export class LiveAlerts implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly events: HubEvents,
    private readonly browsers: BrowserHub,
    private readonly apiStreams: ApiStreamsService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('alert.changed', (notice) => this.browsers.publishAlert(notice)),
      this.events.on('alert.changed', (notice) => {
        if (!notice.update) this.apiStreams.publishAlert(apiAlertFrame(notice));
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }
}
