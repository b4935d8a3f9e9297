import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SessionsService } from './sessions.service.js';

/** Hourly: forget expired sessions. */
@Injectable()
export class SessionCleanerJob {
  constructor(private readonly sessions: SessionsService) {}

  @Interval(60 * 60 * 1000)
  async run(): Promise<void> {
    await this.sessions.deleteExpired();
  }
}
