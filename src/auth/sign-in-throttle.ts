import { Injectable } from '@nestjs/common';
import { AuditService, type AuditEntry } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import { LoginDelay } from './login-delay.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { TooManyAttemptsError } from './too-many-attempts.error.js';

/**
 * The login rate limits (see LoginRateLimiter) for every proof of identity: the password, the
 * second factor at sign-in and the step-up proofs. Per account and per address.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly limiter: LoginRateLimiter,
    private readonly delay: LoginDelay,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Waits while the account is under attack from elsewhere; refuses with 429 (audited as a failure
   * of `refused.action`) while this address, or this account from this address, must wait.
   */
  async admit(username: string, ip: string | null, refused: AuditEntry): Promise<void> {
    const gate = this.limiter.gate(username, ip);
    if (gate.kind === 'wait') await this.refuse(gate.retryAfterMs, refused);
    else if (!(await this.delay.wait(gate.delayMs, ip))) await this.refuse(gate.delayMs, refused);
  }

  recordFailure(username: string, ip: string | null): void {
    this.limiter.recordFailure(username, ip);
  }

  recordSuccess(username: string, ip: string | null): void {
    this.limiter.recordSuccess(username, ip);
  }

  /** 429 (audited as a failure): the attempt is not checked. */
  private async refuse(waitMs: number, entry: AuditEntry): Promise<never> {
    await this.audit.record({ ...entry, outcome: 'failure', detail: { reason: 'rate-limited' } });
    throw new TooManyAttemptsError(waitMs, this.clock.now());
  }
}
