import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, Not, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { randomSecret, sha256Hex } from '../common/crypto/secrets.js';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import type { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

/** lastSeenAt/expiresAt are written at most this often per session, to spare the database. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** A session is an unrestricted credential (scope `admin`): its user's current role bounds it. */
export function sessionPrincipal(
  user: Pick<User, 'id' | 'username' | 'role'>,
  sessionId: string,
  session?: Pick<Session, 'method' | 'steppedUpAt' | 'mustEnrollSecondFactor'>,
): Principal {
  return {
    via: 'session',
    userId: user.id,
    username: user.username,
    role: user.role,
    scope: 'admin',
    sessionId,
    ...(session && {
      session: {
        method: session.method,
        steppedUpAt: session.steppedUpAt,
        mustEnrollSecondFactor: session.mustEnrollSecondFactor,
      },
    }),
  };
}

/** How a session was opened (see SignInService). */
export interface SessionOpening {
  method: string;
  steppedUpAt: Date | null;
  mustEnrollSecondFactor: boolean;
  idTokenSealed: string | null;
}

const PASSWORD_OPENING: SessionOpening = {
  method: 'password',
  steppedUpAt: null,
  mustEnrollSecondFactor: false,
  idTokenSealed: null,
};

export interface SessionView {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  method: string;
  current: boolean;
}

/** Console sign-ins: random cookie values, stored only as SHA-256, with a sliding lifetime. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    @InjectRepository(Session) private readonly repo: Repository<Session>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Opens a session and returns the cookie value, which exists nowhere else. */
  async create(
    userId: string,
    meta: { ip: string | null; userAgent: string | null },
    opening: SessionOpening = PASSWORD_OPENING,
  ): Promise<{ token: string; session: Session }> {
    const token = randomSecret(32);
    const now = this.clock.now();
    const session = this.repo.create({
      id: randomUUID(),
      tokenHash: sha256Hex(token),
      userId,
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + this.config.sessionTtlMs),
      ...opening,
    });
    await this.repo.insert(session);
    return { token, session };
  }

  /** The live session and its active user for a cookie value, sliding its expiry; null otherwise. */
  async resolve(token: string): Promise<{ session: Session; user: User } | null> {
    const session = await this.repo.findOne({
      where: { tokenHash: sha256Hex(token) },
      relations: { user: true },
    });
    const now = this.clock.now();
    if (!session?.user || session.user.disabled || session.expiresAt.getTime() <= now) return null;
    if (now - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      session.lastSeenAt = new Date(now);
      session.expiresAt = new Date(now + this.config.sessionTtlMs);
      await this.repo.update(session.id, { lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt });
    }
    return { session, user: session.user };
  }

  async listForUser(userId: string, currentSessionId?: string): Promise<SessionView[]> {
    const now = this.clock.now();
    const rows = await this.repo.find({ where: { userId }, order: { lastSeenAt: 'DESC' } });
    return rows
      .filter((s) => s.expiresAt.getTime() > now)
      .map((s) => ({
        id: s.id,
        ip: s.ip,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        method: s.method,
        current: s.id === currentSessionId,
      }));
  }

  /** Revokes one of the principal's own sessions (404 for anyone else's). */
  async revokeOwn(principal: Principal, sessionId: string, ip: string | null): Promise<void> {
    const result = await this.repo.delete({ id: sessionId, userId: principal.userId });
    if (!result.affected) throw new EntityNotFoundError('Session', sessionId);
    await this.audit.record({
      actor: principal,
      action: 'auth.session.revoke',
      target: { type: 'session', id: sessionId },
      ip,
    });
  }

  /** The user enrolled a second factor: the session is no longer restricted to enrolling one. */
  async clearMustEnroll(userId: string): Promise<void> {
    await this.repo.update({ userId, mustEnrollSecondFactor: true }, { mustEnrollSecondFactor: false });
  }

  async revoke(sessionId: string): Promise<void> {
    await this.repo.delete({ id: sessionId });
  }

  /** Signs a user out everywhere, optionally keeping one session (the caller's). */
  async revokeAllForUser(userId: string, exceptSessionId?: string): Promise<number> {
    const where = exceptSessionId ? { userId, id: Not(exceptSessionId) } : { userId };
    const result = await this.repo.delete(where);
    return result.affected ?? 0;
  }

  async deleteExpired(): Promise<number> {
    const result = await this.repo.delete({ expiresAt: LessThanOrEqual(new Date(this.clock.now())) });
    const count = result.affected ?? 0;
    if (count > 0) this.logger.log({ count }, 'deleted expired sessions');
    return count;
  }
}
