import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { UsersService } from '../../users/users.service.js';
import { UserIdentity } from '../identities/user-identity.entity.js';
import { SecondFactorService } from '../second-factor/second-factor.service.js';

/**
 * How a user can prove who they are again: `totp` when enrolled, else `password` when they have
 * one (never both: a password must not bypass an enrolled second factor), plus `sso:<provider>`
 * for each configured provider they have linked an identity at (a re-authentication there).
 */
@Injectable()
export class StepUpMethodsService {
  constructor(
    @InjectRepository(UserIdentity) private readonly identities: Repository<UserIdentity>,
    private readonly users: UsersService,
    private readonly secondFactor: SecondFactorService,
    private readonly config: AppConfig,
  ) {}

  async forUser(userId: string): Promise<string[]> {
    const methods: string[] = [];
    if (await this.secondFactor.isEnabled(userId)) methods.push('totp');
    else if ((await this.users.findById(userId))?.passwordHash) methods.push('password');
    // Only OpenID Connect providers can re-authenticate (`max_age=0` and a checked `auth_time`);
    // GitHub reports no authentication time, so it can sign in but never step up.
    const configured = new Set(this.config.sso.oidc.map((p) => p.id));
    const linked = await this.identities.find({ where: { userId }, order: { createdAt: 'ASC' } });
    for (const provider of new Set(linked.map((i) => i.provider))) {
      if (configured.has(provider)) methods.push(`sso:${provider}`);
    }
    return methods;
  }
}
