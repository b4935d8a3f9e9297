import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { EntityManager, QueryDeepPartialEntity, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { Clock } from '../common/auth/clock.js';
import { HubEvents } from '../common/events/hub-events.js';
import type { Principal } from '../common/auth/principal.js';
import { hashPassword } from '../common/crypto/secrets.js';
import { ConflictError, EntityNotFoundError } from '../common/errors/domain-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { InitialCredentialsFile } from './initial-credentials-file.js';
import { toUserView, type CreateUserInput, type UpdateUserInput, type UserView } from './dto/user.dto.js';
import { UserAuthStateCache, type UserAuthState } from './user-auth-state.cache.js';
import { User, type UserRole } from './user.entity.js';

/** An atomic increment, so two concurrent events each end the tokens issued before them. */
const NEXT_TOKEN_GENERATION = (): string => '"tokenGeneration" + 1';

const LAST_ADMIN = 'The last active admin cannot be removed, demoted or disabled';

/** Local accounts: CRUD for admins, lookups for sign-in, and the guarantee that an admin remains. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly repo: Repository<User>,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transactions: TransactionRunner,
    private readonly authStates: UserAuthStateCache,
    private readonly initialCredentials: InitialCredentialsFile,
    private readonly events: HubEvents,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.repo.find({ order: { username: 'ASC' } })).map(toUserView);
  }

  findById(id: string): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  /** Exact-match lookup for sign-in (the row includes the password hash: never return it to a client). */
  findByUsername(username: string): Promise<User | null> {
    return this.repo.findOneBy({ username });
  }

  /** Role, disabled flag and token generation for checking a bearer token (cached for a moment). */
  authState(id: string): Promise<UserAuthState | null> {
    return this.authStates.get(id, () => this.repo.findOneBy({ id }));
  }

  /**
   * Ends every session and access token of the user (optionally keeping the caller's session);
   * returns the number of sessions revoked.
   */
  async endSessionsAndTokens(id: string, exceptSessionId?: string): Promise<number> {
    await this.repo.update(id, { tokenGeneration: NEXT_TOKEN_GENERATION });
    this.authStates.invalidate(id);
    return this.sessions.revokeAllForUser(id, exceptSessionId);
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  async create(actor: Principal, input: CreateUserInput, ip: string | null): Promise<UserView> {
    const user = await this.insert(input.username, await hashPassword(input.password), input.role);
    this.logger.log({ userId: user.id, role: user.role }, 'user created');
    await this.audit.record({
      actor,
      action: 'user.create',
      target: { type: 'user', id: user.id },
      ip,
      detail: { username: user.username, role: user.role },
    });
    return toUserView(user);
  }

  /** Creates the first admin unless any user exists; null when another instance got there first. */
  async createInitialAdmin(username: string, passwordHash: string): Promise<User | null> {
    if ((await this.count()) > 0) return null;
    try {
      return await this.insert(username, passwordHash, 'admin');
    } catch (err) {
      if (err instanceof ConflictError) return null;
      throw err;
    }
  }

  /**
   * A password reset, a disable or a role change also ends every session and access token of the
   * user (a re-enabled user signs in again: its old tokens stay dead).
   */
  async update(actor: Principal, id: string, patch: UpdateUserInput, ip: string | null): Promise<UserView> {
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    const { user, endsSessions } = await this.transactions.run(async (em) => {
      const found = await this.require(em, id);
      const losesAdmin = isActiveAdmin(found) && (patch.role === 'user' || patch.disabled === true);
      if (losesAdmin) await this.assertAnotherActiveAdmin(em);
      const changes: QueryDeepPartialEntity<User> = { updatedAt: new Date(this.clock.now()) };
      if (patch.role !== undefined) changes.role = patch.role;
      if (patch.disabled !== undefined) changes.disabled = patch.disabled;
      if (passwordHash !== undefined) changes.passwordHash = passwordHash;
      const endsSessions =
        passwordHash !== undefined ||
        (patch.disabled === true && !found.disabled) ||
        (patch.role !== undefined && patch.role !== found.role);
      if (endsSessions) changes.tokenGeneration = NEXT_TOKEN_GENERATION;
      await em.update(User, { id }, changes);
      return { user: await this.require(em, id), endsSessions };
    });
    this.authStates.invalidate(id);
    if (passwordHash !== undefined) this.initialCredentials.discard(user.username);
    const sessionsRevoked = endsSessions ? await this.sessions.revokeAllForUser(id) : 0;
    if (patch.disabled === true) this.events.emit('user.rights-lost', { userId: id, reason: 'disabled' });
    else if (patch.role === 'user') this.events.emit('user.rights-lost', { userId: id, reason: 'demoted' });
    await this.audit.record({
      actor,
      action: 'user.update',
      target: { type: 'user', id },
      ip,
      detail: {
        username: user.username,
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        ...(passwordHash !== undefined && { passwordReset: true }),
        ...(endsSessions && { sessionsAndTokensEnded: true, sessionsRevoked }),
      },
    });
    return toUserView(user);
  }

  async remove(actor: Principal, id: string, ip: string | null): Promise<void> {
    const user = await this.transactions.run(async (em) => {
      const found = await this.require(em, id);
      if (isActiveAdmin(found)) await this.assertAnotherActiveAdmin(em);
      await em.delete(User, { id });
      return found;
    });
    this.authStates.invalidate(id);
    this.events.emit('user.rights-lost', { userId: id, reason: 'deleted' });
    await this.audit.record({
      actor,
      action: 'user.delete',
      target: { type: 'user', id },
      ip,
      detail: { username: user.username },
    });
  }

  /** An account that signs in only through a provider (SSO registration): no password. */
  createWithoutPassword(username: string, role: UserRole): Promise<User> {
    return this.insert(username, null, role);
  }

  /**
   * Applies the role a provider's groups map to at sign-in. A change ends the user's other sessions
   * and access tokens, like an admin's role change; the last active admin is never demoted (the
   * role is kept and false is returned). True when the role changed.
   */
  async setRoleFromProvider(id: string, role: UserRole): Promise<boolean> {
    const changed = await this.transactions.run(async (em) => {
      const found = await this.require(em, id);
      if (found.role === role) return false;
      if (isActiveAdmin(found) && (await em.countBy(User, { role: 'admin', disabled: false })) <= 1)
        return false;
      await em.update(
        User,
        { id },
        { role, updatedAt: new Date(this.clock.now()), tokenGeneration: NEXT_TOKEN_GENERATION },
      );
      return true;
    });
    if (changed) {
      this.authStates.invalidate(id);
      await this.sessions.revokeAllForUser(id);
      if (role !== 'admin') this.events.emit('user.rights-lost', { userId: id, reason: 'demoted' });
    }
    return changed;
  }

  /** Replaces a user's password (the caller checked the old one) and ends the user's access tokens. */
  async setPassword(id: string, password: string): Promise<void> {
    await this.repo.update(id, {
      passwordHash: await hashPassword(password),
      updatedAt: new Date(this.clock.now()),
      tokenGeneration: NEXT_TOKEN_GENERATION,
    });
    this.authStates.invalidate(id);
    const user = await this.findById(id);
    if (user) this.initialCredentials.discard(user.username);
  }

  /** Records a sign-in; the first one of the generated first admin deletes its password file. */
  async markLogin(user: Pick<User, 'id' | 'username'>): Promise<void> {
    await this.repo.update(user.id, { lastLoginAt: new Date(this.clock.now()) });
    this.initialCredentials.discard(user.username);
  }

  private async insert(username: string, passwordHash: string | null, role: UserRole): Promise<User> {
    const taken = await this.repo
      .createQueryBuilder('u')
      .where('LOWER(u.username) = LOWER(:username)', { username })
      .getExists();
    if (taken) throw new ConflictError(`Username ${username} is taken`);
    const now = new Date(this.clock.now());
    const user = this.repo.create({
      id: randomUUID(),
      username,
      passwordHash,
      role,
      disabled: false,
      tokenGeneration: 0,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    });
    try {
      await this.repo.insert(user);
    } catch (err) {
      // a concurrent insert of the same name lost the race against the unique index
      if (await this.findByUsername(username)) throw new ConflictError(`Username ${username} is taken`);
      throw err;
    }
    return user;
  }

  private async require(em: EntityManager, id: string): Promise<User> {
    const user = await em.findOneBy(User, { id });
    if (!user) throw new EntityNotFoundError('User', id);
    return user;
  }

  private async assertAnotherActiveAdmin(em: EntityManager): Promise<void> {
    const activeAdmins = await em.countBy(User, { role: 'admin', disabled: false });
    if (activeAdmins <= 1) throw new ConflictError(LAST_ADMIN);
  }
}

function isActiveAdmin(u: User): boolean {
  return u.role === 'admin' && !u.disabled;
}
