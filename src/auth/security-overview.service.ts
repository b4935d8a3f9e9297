import type { AccountSecurity } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import { UsersService } from '../users/users.service.js';
import { AuthSettingsService } from './auth-settings.service.js';
import { UserIdentity } from './identities/user-identity.entity.js';
import { SecondFactorService } from './second-factor/second-factor.service.js';
import { SessionsService } from './sessions.service.js';
import { StepUpService } from './step-up/step-up.service.js';

/** `GET /auth/security`: the caller's password, second factor, linked identities and sessions. */
@Injectable()
export class SecurityOverviewService {
  constructor(
    @InjectRepository(UserIdentity) private readonly identities: Repository<UserIdentity>,
    private readonly users: UsersService,
    private readonly secondFactor: SecondFactorService,
    private readonly sessions: SessionsService,
    private readonly settings: AuthSettingsService,
    private readonly stepUp: StepUpService,
    private readonly config: AppConfig,
  ) {}

  async forPrincipal(principal: Principal): Promise<AccountSecurity> {
    const user = await this.users.findById(principal.userId);
    const totp = await this.secondFactor.status(principal.userId);
    const { requireSecondFactorForAdmins } = await this.settings.get();
    const fresh = principal.session ? await this.stepUp.freshUntil(principal.session) : null;
    return {
      hasPassword: Boolean(user?.passwordHash),
      totp: {
        enabled: totp.enabled,
        enabledAt: totp.enabledAt?.toISOString() ?? null,
        recoveryCodesLeft: totp.recoveryCodesLeft,
        required: requireSecondFactorForAdmins && principal.role === 'admin' && !totp.enabled,
      },
      identities: await this.linkedIdentities(principal.userId),
      sessions: (await this.sessions.listForUser(principal.userId, principal.sessionId)).map((s) => ({
        id: s.id,
        ip: s.ip,
        userAgent: s.userAgent,
        method: s.method,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        current: s.current,
      })),
      steppedUpUntil: fresh?.toISOString() ?? null,
    };
  }

  private async linkedIdentities(userId: string): Promise<AccountSecurity['identities']> {
    const names = new Map<string, string>(this.config.sso.oidc.map((p) => [p.id, p.displayName]));
    if (this.config.sso.github) names.set('github', this.config.sso.github.displayName);
    const rows = await this.identities.find({ where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((i) => ({
      id: i.id,
      provider: i.provider,
      providerName: names.get(i.provider) ?? i.provider,
      subject: i.subject,
      email: i.email,
      createdAt: i.createdAt.toISOString(),
      lastUsedAt: i.lastUsedAt?.toISOString() ?? null,
    }));
  }
}
