import type { Me, UnlockSignInResult } from '@hivewatch/protocol';
import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { CookieOptions } from 'express';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { hashPassword, randomSecret, verifyPassword } from '../common/crypto/secrets.js';
import { ConflictError, EntityNotFoundError, ForbiddenActionError } from '../common/errors/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokenService, type AccessTokenResponse } from './access-token.service.js';
import type { ChangePasswordInput, LoginInput } from './dto/auth.dto.js';
import { AuthSettingsService } from './auth-settings.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { SecondFactorService } from './second-factor/second-factor.service.js';
import { sessionCookieOptions } from './session-cookie.js';
import { SessionsService } from './sessions.service.js';
import { SignInService, type RequestMeta, type SignInOutcome } from './sign-in.service.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { StepUpService } from './step-up/step-up.service.js';
import { TooManyAttemptsError } from './too-many-attempts.error.js';

const INVALID_LOGIN = 'Invalid username or password';
const LOCAL_SIGN_IN_OFF =
  'Password sign-in is turned off on this hub: sign in with your identity provider (single sign-on)';

export type { RequestMeta } from './sign-in.service.js';

type LoginFailure = 'unknown-user' | 'bad-password' | 'disabled' | 'no-password';

/** Sign-in, sign-out, own password and access tokens; every outcome is audited. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against when the user does not exist, so both failures cost the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginRateLimiter,
    private readonly throttle: SignInThrottle,
    private readonly signIn: SignInService,
    private readonly settings: AuthSettingsService,
    private readonly stepUp: StepUpService,
    private readonly secondFactor: SecondFactorService,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the credentials and ends the sign-in through SignInService (a session, or a challenge
   * for the second factor). Throttled (see LoginRateLimiter): refused with 429 while this address,
   * or this account from this address, must wait; delayed while the account is under attack from
   * elsewhere. Refused with 403 when local sign-in is off, except for the break-glass admin (checked
   * after the password, so that wrong passwords answer alike for every name).
   */
  async login(input: LoginInput, meta: RequestMeta): Promise<SignInOutcome> {
    const anonymous = { via: 'anonymous' as const, name: input.username.slice(0, 128) };
    await this.throttle.admit(input.username, meta.ip, {
      actor: anonymous,
      action: 'auth.login',
      ip: meta.ip,
    });
    const user = await this.users.findByUsername(input.username);
    const failure = await this.checkLogin(user, input.password);
    if (failure || !user) {
      this.throttle.recordFailure(input.username, meta.ip);
      await this.recordLoginFailure(input.username, meta.ip, failure ?? 'unknown-user');
      throw new UnauthorizedException(INVALID_LOGIN);
    }
    this.throttle.recordSuccess(input.username, meta.ip);
    // Checked only once the password is right: a refusal before it would tell anyone probing
    // which username is the break-glass admin (the only one not refused).
    const { localSignIn, breakGlassUsername } = await this.settings.get();
    if (!localSignIn && user.username !== breakGlassUsername) {
      await this.audit.record({
        actor: anonymous,
        action: 'auth.login',
        outcome: 'failure',
        ip: meta.ip,
        detail: { reason: 'local-sign-in-off' },
      });
      throw new ForbiddenActionError(LOCAL_SIGN_IN_OFF);
    }
    return this.signIn.finish(user, 'password', meta);
  }

  async logout(principal: Principal, ip: string | null): Promise<void> {
    if (principal.sessionId) await this.sessions.revoke(principal.sessionId);
    await this.audit.record({
      actor: principal,
      action: 'auth.logout',
      target: { type: 'user', id: principal.userId },
      ip,
    });
  }

  async me(principal: Principal): Promise<Me> {
    const { userId: id, username, role, via, scope } = principal;
    const fresh = principal.session ? await this.stepUp.freshUntil(principal.session) : null;
    return {
      user: { id, username, role },
      via,
      scope,
      secondFactor: await this.secondFactor.isEnabled(id),
      mustEnrollSecondFactor: principal.session?.mustEnrollSecondFactor ?? false,
      steppedUpUntil: fresh?.toISOString() ?? null,
    };
  }

  /** Ends every session and access token of the caller's user, the caller's own session included. */
  async signOutEverywhere(principal: Principal, ip: string | null): Promise<void> {
    const revoked = await this.users.endSessionsAndTokens(principal.userId);
    await this.audit.record({
      actor: principal,
      action: 'auth.sign-out-everywhere',
      target: { type: 'user', id: principal.userId },
      ip,
      detail: { sessionsRevoked: revoked },
    });
    this.logger.log({ userId: principal.userId, sessionsRevoked: revoked }, 'signed out everywhere');
  }

  /** Changes the caller's own password; ends every other session of theirs and all access tokens. */
  async changePassword(principal: Principal, input: ChangePasswordInput, ip: string | null): Promise<void> {
    const gate = this.limiter.gate(principal.username, ip);
    if (gate.kind === 'wait') {
      await this.audit.record({
        actor: principal,
        action: 'auth.password.change',
        ip,
        outcome: 'failure',
        detail: { reason: 'rate-limited' },
      });
      throw new TooManyAttemptsError(gate.retryAfterMs, this.clock.now());
    }
    const user = await this.users.findById(principal.userId);
    if (!user?.passwordHash) throw new ConflictError('This account has no local password');
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      this.limiter.recordFailure(principal.username, ip);
      await this.audit.record({
        actor: principal,
        action: 'auth.password.change',
        outcome: 'failure',
        target: { type: 'user', id: user.id },
        ip,
        detail: { reason: 'bad-password' },
      });
      throw new ForbiddenActionError('The current password is incorrect');
    }
    await this.users.setPassword(user.id, input.newPassword);
    const revoked = await this.sessions.revokeAllForUser(user.id, principal.sessionId);
    await this.audit.record({
      actor: principal,
      action: 'auth.password.change',
      target: { type: 'user', id: user.id },
      ip,
      detail: { otherSessionsRevoked: revoked },
    });
  }

  /** A short-lived bearer token with the caller's rights; access tokens cannot mint new ones. */
  async issueAccessToken(principal: Principal): Promise<AccessTokenResponse> {
    if (principal.via === 'access-token') {
      throw new ForbiddenActionError('An access token cannot be exchanged for another one');
    }
    const user = await this.users.findById(principal.userId);
    if (!user || user.disabled) throw new UnauthorizedException('Authentication required');
    return this.accessTokens.issue(principal, user.tokenGeneration);
  }

  cookieOptions(requestIsSecure: boolean): CookieOptions {
    return sessionCookieOptions(this.config, requestIsSecure);
  }

  /** Clears an account's failed sign-ins (its delay and every address's backoff on it); audited. */
  async unlockSignIn(actor: Principal, userId: string, ip: string | null): Promise<UnlockSignInResult> {
    const user = await this.users.findById(userId);
    if (!user) throw new EntityNotFoundError('User', userId);
    const failuresCleared = this.limiter.unlock(user.username);
    await this.audit.record({
      actor,
      action: 'user.unlock',
      target: { type: 'user', id: user.id },
      ip,
      detail: { username: user.username, failuresCleared },
    });
    this.logger.log({ userId: user.id, failuresCleared }, 'sign-in unlocked');
    return { failuresCleared };
  }

  private async checkLogin(user: User | null, password: string): Promise<LoginFailure | null> {
    if (!user?.passwordHash) {
      await verifyPassword(await this.getDummyHash(), password);
      return user ? 'no-password' : 'unknown-user';
    }
    if (!(await verifyPassword(user.passwordHash, password))) return 'bad-password';
    return user.disabled ? 'disabled' : null;
  }

  private recordLoginFailure(username: string, ip: string | null, reason: LoginFailure): Promise<void> {
    return this.audit.record({
      actor: { via: 'anonymous', name: username.slice(0, 128) },
      action: 'auth.login',
      outcome: 'failure',
      ip,
      detail: { reason },
    });
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomSecret());
    return this.dummyHash;
  }
}
