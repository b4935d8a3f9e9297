import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import type { User } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { AuthSettingsService } from '../auth-settings.service.js';
import { IdentitiesService } from '../identities/identities.service.js';
import { SignInService, type RequestMeta } from '../sign-in.service.js';
import type { CallbackOutcome } from './sso-callback.service.js';
import type { FinishedFlow } from './sso-flows.service.js';
import { SsoFailure, type ExternalIdentity, type SsoProviderAdapter } from './sso-provider.js';

/** `amr` values (RFC 8176) that mean the provider asked for more than one factor. */
const MFA_AMR = new Set([
  'mfa',
  'otp',
  'hwk',
  'swk',
  'sms',
  'fpt',
  'face',
  'iris',
  'retina',
  'vbm',
  'sc',
  'tel',
]);

/**
 * A provider sign-in: role mapping (at every sign-in), the local user (identities), then the one
 * sign-in path every method ends on (SignInService: session, or the local second factor).
 */
@Injectable()
export class SsoSignInService {
  constructor(
    private readonly identities: IdentitiesService,
    private readonly users: UsersService,
    private readonly signIn: SignInService,
    private readonly settings: AuthSettingsService,
    private readonly audit: AuditService,
  ) {}

  async complete(finished: FinishedFlow, callbackUrl: URL, meta: RequestMeta): Promise<CallbackOutcome> {
    const { adapter, trip, flow } = finished;
    const identity = await adapter.complete(callbackUrl, trip);
    const role = adapter.mapRole(identity);
    if (role === 'refused') throw new SsoFailure('group-not-allowed', `provider ${adapter.id}`);
    let user = await this.identities.resolve(identity, meta.ip);
    if (user.disabled) throw new SsoFailure('disabled', `user ${user.id}`);
    if (role !== null && role !== user.role) user = await this.applyRole(user, role, adapter, meta);
    const outcome = await this.signIn.finish(user, `sso:${adapter.id}`, meta, {
      idToken: identity.idToken,
      skipSecondFactor: await this.trustsProviderMfa(identity),
    });
    if (outcome.kind === 'challenge') {
      return {
        kind: 'challenge',
        challenge: outcome.challenge,
        expiresAt: new Date(outcome.result.expiresAt),
        location:
          flow.returnTo === '/'
            ? '/sign-in?step=second-factor'
            : `/sign-in?step=second-factor&returnTo=${encodeURIComponent(flow.returnTo)}`,
      };
    }
    return { kind: 'session', token: outcome.token, location: flow.returnTo };
  }

  private async trustsProviderMfa(identity: ExternalIdentity): Promise<boolean> {
    const { ssoSecondFactor } = await this.settings.get();
    return ssoSecondFactor === 'trust-provider-mfa' && identity.amr.some((m) => MFA_AMR.has(m));
  }

  private async applyRole(
    user: User,
    role: User['role'],
    adapter: SsoProviderAdapter,
    meta: RequestMeta,
  ): Promise<User> {
    const changed = await this.users.setRoleFromProvider(user.id, role);
    await this.audit.record({
      actor: { via: 'system', name: `sso:${adapter.id}` },
      action: 'user.update',
      outcome: changed ? 'success' : 'failure',
      target: { type: 'user', id: user.id },
      ip: meta.ip,
      detail: changed
        ? {
            username: user.username,
            role,
            provider: adapter.id,
            via: 'role-mapping',
            sessionsAndTokensEnded: true,
          }
        : {
            username: user.username,
            role,
            provider: adapter.id,
            via: 'role-mapping',
            reason: 'last-admin-kept',
          },
    });
    return (await this.users.findById(user.id)) ?? user;
  }
}
