import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../../common/auth/clock.js';
import { AuthSettingsService } from '../auth-settings.service.js';
import { Session } from '../session.entity.js';

/**
 * Step-up: dangerous actions need a proof of identity younger than the configured window
 * (`stepUpMaxAgeSeconds`, 5 minutes by default). A sign-in is such a proof, and so is a TOTP code,
 * the password (users without TOTP) or an SSO re-authentication; each is recorded on the session.
 */
@Injectable()
export class StepUpService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly settings: AuthSettingsService,
    private readonly clock: Clock,
  ) {}

  /** Records a fresh proof (the caller audits how it was given) on the session and returns until when it lets dangerous actions through. */
  async recordProof(sessionId: string): Promise<Date> {
    const now = this.clock.now();
    await this.sessions.update({ id: sessionId }, { steppedUpAt: new Date(now) });
    return new Date(now + (await this.settings.get()).stepUpMaxAgeSeconds * 1000);
  }

  /** Until when the session's last proof lets dangerous actions through; null when it no longer does. */
  async freshUntil(session: Pick<Session, 'steppedUpAt'>): Promise<Date | null> {
    if (!session.steppedUpAt) return null;
    const until = session.steppedUpAt.getTime() + (await this.settings.get()).stepUpMaxAgeSeconds * 1000;
    return until > this.clock.now() ? new Date(until) : null;
  }
}
