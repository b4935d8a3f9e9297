import type { LinkedIdentity } from '@hivewatch/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/auth/clock.js';
import type { Principal } from '../../common/auth/principal.js';
import { ConflictError, EntityNotFoundError } from '../../common/errors/domain-errors.js';
import type { User } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { AuthSettingsService } from '../auth-settings.service.js';
import { SsoFailure, type ExternalIdentity } from '../sso/sso-provider.js';
import { SsoProviders } from '../sso/sso-providers.js';
import { UserEmailMatch } from './user-email-match.js';
import { UserIdentity } from './user-identity.entity.js';
import { suggestedUsername, usernameCandidates } from './identity-username.js';

const LAST_WAY_IN =
  'This is the last way to sign in to your account: set a password or link another identity first';

/**
 * Identities at sign-in providers, (provider, subject) → local user: find, link by verified
 * e-mail, register, link to the signed-in user, unlink. Every change is audited.
 */
@Injectable()
export class IdentitiesService {
  private readonly logger = new Logger(IdentitiesService.name);

  constructor(
    @InjectRepository(UserIdentity) private readonly repo: Repository<UserIdentity>,
    private readonly users: UsersService,
    private readonly emailMatch: UserEmailMatch,
    private readonly settings: AuthSettingsService,
    private readonly providers: SsoProviders,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The local user a provider sign-in is for: the linked one; else, when an admin allowed it, the
   * user with the same e-mail (only if the provider verified it); else a new account when
   * registration is on; else `not-registered`.
   */
  async resolve(identity: ExternalIdentity, ip: string | null): Promise<User> {
    const linked = await this.repo.findOneBy({ provider: identity.provider, subject: identity.subject });
    if (linked) {
      const user = await this.users.findById(linked.userId);
      if (user) {
        await this.touch(linked, identity);
        return user;
      }
    }
    const { linkByVerifiedEmail, allowRegistration } = await this.settings.get();
    if (linkByVerifiedEmail && identity.email) {
      const owner = await this.emailMatch.find(identity.email);
      if (owner) {
        if (!identity.emailVerified)
          throw new SsoFailure('email-unverified', `provider ${identity.provider}`);
        await this.insert(owner, identity, ip, 'verified-email');
        return owner;
      }
    }
    if (!allowRegistration) throw new SsoFailure('not-registered', `provider ${identity.provider}`);
    return this.register(identity, ip);
  }

  /** Links an identity to the signed-in user (`link` round trip); refused when another user has it. */
  async link(principal: Principal, identity: ExternalIdentity, ip: string | null): Promise<void> {
    const existing = await this.repo.findOneBy({ provider: identity.provider, subject: identity.subject });
    if (existing && existing.userId !== principal.userId) throw new SsoFailure('already-linked');
    if (existing) return this.touch(existing, identity);
    const user = await this.users.findById(principal.userId);
    if (!user) throw new SsoFailure('refused', 'user gone');
    await this.insert(user, identity, ip, 'account-page', principal);
  }

  /** Whether the identity is one of the user's (step-up by re-authentication). */
  async belongsTo(userId: string, identity: ExternalIdentity): Promise<boolean> {
    const row = await this.repo.findOneBy({ provider: identity.provider, subject: identity.subject });
    return row?.userId === userId;
  }

  async listFor(userId: string): Promise<LinkedIdentity[]> {
    const rows = await this.repo.find({ where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((i) => ({
      id: i.id,
      provider: i.provider,
      providerName: this.providers.find(i.provider)?.displayName ?? i.provider,
      subject: i.subject,
      email: i.email,
      createdAt: i.createdAt.toISOString(),
      lastUsedAt: i.lastUsedAt?.toISOString() ?? null,
    }));
  }

  /** Unlinks one of the caller's identities, unless it is their last way in. */
  async unlink(principal: Principal, id: string, ip: string | null): Promise<void> {
    const row = await this.repo.findOneBy({ id, userId: principal.userId });
    if (!row) throw new EntityNotFoundError('Identity', id);
    if (!(await this.hasOtherWayIn(principal.userId, id))) {
      await this.audit.record({
        actor: principal,
        action: 'auth.identity.unlink',
        outcome: 'failure',
        target: { type: 'user', id: principal.userId },
        ip,
        detail: { provider: row.provider, reason: 'last-way-in' },
      });
      throw new ConflictError(LAST_WAY_IN);
    }
    await this.repo.delete({ id });
    await this.audit.record({
      actor: principal,
      action: 'auth.identity.unlink',
      target: { type: 'user', id: principal.userId },
      ip,
      detail: { provider: row.provider, identityId: id },
    });
  }

  /** A password counts only while password sign-in is open to this user. */
  private async hasOtherWayIn(userId: string, exceptIdentityId: string): Promise<boolean> {
    const others = (await this.repo.findBy({ userId })).filter((i) => i.id !== exceptIdentityId);
    if (others.some((i) => this.providers.find(i.provider))) return true;
    const user = await this.users.findById(userId);
    if (!user?.passwordHash) return false;
    const { localSignIn, breakGlassUsername } = await this.settings.get();
    return localSignIn || user.username === breakGlassUsername;
  }

  private async register(identity: ExternalIdentity, ip: string | null): Promise<User> {
    const role = this.providers.require(identity.provider).mapRole(identity);
    for (const username of usernameCandidates(suggestedUsername(identity))) {
      const user = await this.users
        .createWithoutPassword(username, role === 'admin' ? 'admin' : 'user')
        .catch((err: unknown) => {
          if (err instanceof ConflictError) return null;
          throw err;
        });
      if (!user) continue;
      await this.audit.record({
        actor: { via: 'anonymous', id: user.id, name: user.username },
        action: 'user.create',
        target: { type: 'user', id: user.id },
        ip,
        detail: {
          username: user.username,
          role: user.role,
          provider: identity.provider,
          via: 'sso-registration',
        },
      });
      this.logger.log(
        { userId: user.id, provider: identity.provider },
        'user registered through single sign-on',
      );
      await this.insert(user, identity, ip, 'registration');
      return user;
    }
    throw new SsoFailure('not-registered', 'no free username');
  }

  private async insert(
    user: User,
    identity: ExternalIdentity,
    ip: string | null,
    via: 'verified-email' | 'registration' | 'account-page',
    principal?: Principal,
  ): Promise<void> {
    const now = new Date(this.clock.now());
    try {
      await this.repo.insert({
        id: randomUUID(),
        userId: user.id,
        provider: identity.provider,
        subject: identity.subject,
        email: displayEmail(identity),
        createdAt: now,
        lastUsedAt: now,
      });
    } catch (err) {
      // the unique (provider, subject) index: a concurrent round trip linked it first
      if (await this.repo.existsBy({ provider: identity.provider, subject: identity.subject }))
        throw new SsoFailure('already-linked');
      throw err;
    }
    await this.audit.record({
      actor: principal ?? { via: 'anonymous', id: user.id, name: user.username },
      action: 'auth.identity.link',
      target: { type: 'user', id: user.id },
      ip,
      detail: { provider: identity.provider, via },
    });
  }

  private async touch(row: UserIdentity, identity: ExternalIdentity): Promise<void> {
    await this.repo.update(
      { id: row.id },
      { lastUsedAt: new Date(this.clock.now()), email: displayEmail(identity) },
    );
  }
}

/** Only an e-mail the provider vouched for is kept (it may later link accounts by e-mail). */
function displayEmail(identity: ExternalIdentity): string | null {
  return identity.emailVerified ? identity.email : null;
}
