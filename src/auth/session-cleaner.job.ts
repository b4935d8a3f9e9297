import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SignInChallengesService } from './second-factor/sign-in-challenges.service.js';
import { SessionsService } from './sessions.service.js';

/** Hourly: forget expired sessions and sign-in challenges. */
@Injectable()
export class SessionCleanerJob {
  constructor(
    private readonly sessions: SessionsService,
    private readonly challenges: SignInChallengesService,
  ) {}

  @Interval(60 * 60 * 1000)
  async run(): Promise<void> {
    await this.sessions.deleteExpired();
    await this.challenges.deleteExpired();
  }
}
