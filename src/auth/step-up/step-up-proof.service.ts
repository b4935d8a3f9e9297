import type { StepUpInput, StepUpResult } from '@hivewatch/protocol';
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { verifyPassword } from '../../common/crypto/secrets.js';
import { ForbiddenActionError } from '../../common/errors/domain-errors.js';
import { UsersService } from '../../users/users.service.js';
import { SecondFactorService } from '../second-factor/second-factor.service.js';
import { SignInThrottle } from '../sign-in-throttle.js';
import { StepUpService } from './step-up.service.js';

/**
 * `POST /auth/step-up`: a TOTP code (users with a second factor) or the password (users without
 * one) refreshes the session's proof of identity. Rate-limited like sign-in; audited either way.
 */
@Injectable()
export class StepUpProofService {
  private readonly logger = new Logger(StepUpProofService.name);

  constructor(
    private readonly stepUp: StepUpService,
    private readonly secondFactor: SecondFactorService,
    private readonly users: UsersService,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  async prove(principal: Principal, input: StepUpInput, ip: string | null): Promise<StepUpResult> {
    if (principal.via !== 'session' || !principal.sessionId) {
      throw new BadRequestException('Step-up is for console sessions; API keys need the ops scope instead');
    }
    const method = 'code' in input ? 'totp' : 'password';
    const entry = {
      actor: principal,
      action: 'auth.step-up',
      target: { type: 'user', id: principal.userId },
      ip,
    };
    await this.throttle.admit(principal.username, ip, { ...entry, detail: { method } });
    const hasTotp = await this.secondFactor.isEnabled(principal.userId);
    if (hasTotp && method === 'password') {
      throw new BadRequestException(
        'Your account has a second factor: step up with a code from your authenticator app',
      );
    }
    if (!hasTotp && method === 'totp')
      throw new BadRequestException('Your account has no second factor: step up with your password');
    if (!(await this.check(principal.userId, input))) {
      this.throttle.recordFailure(principal.username, ip);
      await this.audit.record({ ...entry, outcome: 'failure', detail: { method, reason: 'bad-proof' } });
      throw new ForbiddenActionError(method === 'totp' ? 'Invalid code' : 'The password is incorrect');
    }
    this.throttle.recordSuccess(principal.username, ip);
    const until = await this.stepUp.recordProof(principal.sessionId);
    await this.audit.record({ ...entry, detail: { method } });
    this.logger.log({ userId: principal.userId, sessionId: principal.sessionId, method }, 'stepped up');
    return { steppedUpUntil: until.toISOString(), method };
  }

  private async check(userId: string, input: StepUpInput): Promise<boolean> {
    if ('code' in input) return (await this.secondFactor.verify(userId, { code: input.code })) === 'totp';
    const user = await this.users.findById(userId);
    return Boolean(
      user?.passwordHash && !user.disabled && (await verifyPassword(user.passwordHash, input.password)),
    );
  }
}
