import type { AuthMethod, LoginResult, SecondFactorLoginInput } from '@hivewatch/protocol';
import { BadRequestException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AuthSettingsService } from './auth-settings.service.js';
import { SecondFactorService } from './second-factor/second-factor.service.js';
import { SignInChallengesService } from './second-factor/sign-in-challenges.service.js';
import type { Session } from './session.entity.js';
import { SessionsService, sessionPrincipal } from './sessions.service.js';
import { SignInThrottle } from './sign-in-throttle.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export type SignedIn = Extract<LoginResult, { status: 'signed-in' }>;
export type SecondFactorNeeded = Extract<LoginResult, { status: 'second-factor' }>;

/**
 * The end of a sign-in: a session (set `token` as the `hw_session` cookie and answer `result`), or
 * a second-factor challenge (answer `result`; an SSO callback puts `challenge` in the HttpOnly
 * `hw_challenge` cookie instead of a URL).
 */
export type SignInOutcome =
  | { kind: 'session'; token: string; session: Session; result: SignedIn }
  | { kind: 'challenge'; challenge: string; result: SecondFactorNeeded };

export interface FinishOptions {
  /** The provider's ID token (SSO), kept sealed on the session for RP-initiated logout. */
  idToken?: string | null;
  /** The provider vouched for MFA and the policy trusts it: do not ask the local second factor. */
  skipSecondFactor?: boolean;
}

const EXPIRED_CHALLENGE = 'This sign-in has expired or was already used: sign in again';
const INVALID_CODE = 'Invalid code';

/**
 * The one path every sign-in ends on, password or SSO: asks the local second factor when the user
 * has one, opens the session (method, proof of identity = now, mandatory second-factor enrollment
 * for admins when the policy says so) and audits it.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly secondFactor: SecondFactorService,
    private readonly challenges: SignInChallengesService,
    private readonly settings: AuthSettingsService,
    private readonly throttle: SignInThrottle,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The first factor (`method`) passed for `user`: a session, or a challenge for the second factor. */
  async finish(
    user: User,
    method: AuthMethod,
    meta: RequestMeta,
    options: FinishOptions = {},
  ): Promise<SignInOutcome> {
    const idTokenSealed = options.idToken
      ? await this.box.seal({ idToken: options.idToken }, 'sso-id-token')
      : null;
    if (!options.skipSecondFactor && (await this.secondFactor.isEnabled(user.id))) {
      const { challenge, expiresAt } = await this.challenges.create(user.id, method, meta.ip, idTokenSealed);
      await this.audit.record({
        actor: { via: 'anonymous', id: user.id, name: user.username },
        action: 'auth.login.first-factor',
        target: { type: 'user', id: user.id },
        ip: meta.ip,
        detail: { method },
      });
      return {
        kind: 'challenge',
        challenge,
        result: {
          status: 'second-factor',
          challenge,
          methods: ['totp', 'recovery-code'],
          expiresAt: expiresAt.toISOString(),
        },
      };
    }
    return this.openSession(user, method, meta, idTokenSealed);
  }

  /** `POST /auth/login/second-factor`: the code (or a recovery code) for a pending challenge. */
  async completeSecondFactor(
    input: SecondFactorLoginInput,
    cookieChallenge: string | null,
    meta: RequestMeta,
  ): Promise<Extract<SignInOutcome, { kind: 'session' }>> {
    const value = input.challenge ?? cookieChallenge;
    if (!value) throw new BadRequestException('No sign-in is waiting for a second factor: sign in first');
    const challenge = await this.challenges.find(value);
    const user = challenge ? await this.users.findById(challenge.userId) : null;
    if (!challenge || !user || user.disabled) throw new UnauthorizedException(EXPIRED_CHALLENGE);
    const entry = {
      actor: { via: 'anonymous' as const, id: user.id, name: user.username },
      action: 'auth.login.second-factor',
      target: { type: 'user', id: user.id },
      ip: meta.ip,
    };
    await this.throttle.admit(user.username, meta.ip, entry);
    const proof = 'code' in input ? { code: input.code } : { recoveryCode: input.recoveryCode };
    const method = await this.secondFactor.verify(user.id, proof);
    if (!method) {
      this.throttle.recordFailure(user.username, meta.ip);
      const attemptsLeft = await this.challenges.recordFailure(challenge);
      const kind = 'code' in proof ? 'totp' : 'recovery-code';
      await this.audit.record({
        ...entry,
        outcome: 'failure',
        detail: { method: kind, reason: 'bad-code', attemptsLeft },
      });
      throw new UnauthorizedException(
        attemptsLeft > 0 ? INVALID_CODE : `${INVALID_CODE}. ${EXPIRED_CHALLENGE}`,
      );
    }
    if (!(await this.challenges.consume(challenge))) throw new UnauthorizedException(EXPIRED_CHALLENGE);
    this.throttle.recordSuccess(user.username, meta.ip);
    await this.audit.record({ ...entry, detail: { method, firstFactor: challenge.method } });
    return this.openSession(user, method, meta, challenge.idTokenSealed);
  }

  private async openSession(
    user: User,
    method: AuthMethod,
    meta: RequestMeta,
    idTokenSealed: string | null,
  ): Promise<Extract<SignInOutcome, { kind: 'session' }>> {
    const { requireSecondFactorForAdmins } = await this.settings.get();
    const mustEnroll =
      requireSecondFactorForAdmins && user.role === 'admin' && !(await this.secondFactor.isEnabled(user.id));
    const { token, session } = await this.sessions.create(user.id, meta, {
      method,
      steppedUpAt: new Date(this.clock.now()),
      mustEnrollSecondFactor: mustEnroll,
      idTokenSealed,
    });
    await this.users.markLogin(user);
    await this.audit.record({
      actor: sessionPrincipal(user, session.id),
      action: 'auth.login',
      target: { type: 'user', id: user.id },
      ip: meta.ip,
      detail: { method, ...(mustEnroll && { mustEnrollSecondFactor: true }) },
    });
    this.logger.log({ userId: user.id, sessionId: session.id, method }, 'signed in');
    const { id, username, role } = user;
    return {
      kind: 'session',
      token,
      session,
      result: { status: 'signed-in', user: { id, username, role }, enrollSecondFactor: mustEnroll },
    };
  }
}
