import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { UsersService } from '../users/users.service.js';
import { Session } from './session.entity.js';
import { SESSION_TOUCH_INTERVAL_MS, SessionsService } from './sessions.service.js';

const HOUR = 3_600_000;

describe('SessionsService on a migrated SQLite database', () => {
  let hub: TestApp;
  let sessions: SessionsService;
  let users: UsersService;
  let db: DataSource;
  let now = Date.UTC(2030, 0, 1);
  let userId: string;
  const admin: Principal = { via: 'session', userId: 'x', username: 'admin', role: 'admin', scope: 'admin' };

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    sessions = hub.app.get(SessionsService);
    users = hub.app.get(UsersService);
    db = hub.app.get(DataSource);
    userId = (
      await users.create(admin, { username: 'sam', password: 'sam-password-123', role: 'user' }, null)
    ).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const row = (id: string) => db.getRepository(Session).findOneByOrFail({ id });

  it('stores only the hash of the cookie value and resolves the value back', async () => {
    const { token, session } = await sessions.create(userId, { ip: '10.0.0.1', userAgent: 'jest' });
    const stored = await row(session.id);
    expect(stored.tokenHash).not.toBe(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const found = await sessions.resolve(token);
    expect(found?.user.username).toBe('sam');
    expect(await sessions.resolve(token + 'x')).toBeNull();
  });

  it('slides the expiry, writing at most once a minute', async () => {
    const { token, session } = await sessions.create(userId, { ip: null, userAgent: null });
    const created = now;
    now += SESSION_TOUCH_INTERVAL_MS - 1;
    await sessions.resolve(token);
    expect((await row(session.id)).lastSeenAt.getTime()).toBe(created);
    now += 1;
    await sessions.resolve(token);
    expect((await row(session.id)).lastSeenAt.getTime()).toBe(now);
    expect((await row(session.id)).expiresAt.getTime()).toBe(now + hub.config.sessionTtlMs);
    // used within the day, it survives past the first day; idle for a day, it expires
    now += 20 * HOUR;
    expect(await sessions.resolve(token)).not.toBeNull();
    now += 20 * HOUR;
    expect(await sessions.resolve(token)).not.toBeNull();
    now += 24 * HOUR;
    expect(await sessions.resolve(token)).toBeNull();
  });

  it('revokes all of a user’s sessions but the one kept, and refuses a disabled user', async () => {
    const a = await sessions.create(userId, { ip: null, userAgent: null });
    const b = await sessions.create(userId, { ip: null, userAgent: null });
    await sessions.revokeAllForUser(userId, a.session.id);
    expect(await sessions.resolve(b.token)).toBeNull();
    expect(await sessions.resolve(a.token)).not.toBeNull();
    await db.getRepository('users').update(userId, { disabled: true });
    expect(await sessions.resolve(a.token)).toBeNull();
    await db.getRepository('users').update(userId, { disabled: false });
  });

  it('lets a user revoke only their own sessions', async () => {
    const mine = await sessions.create(userId, { ip: null, userAgent: null });
    const other: Principal = { ...admin, userId: '00000000-0000-4000-8000-000000000000' };
    await expect(sessions.revokeOwn(other, mine.session.id, null)).rejects.toThrow(/not found/);
    const owner: Principal = { ...admin, userId };
    await sessions.revokeOwn(owner, mine.session.id, null);
    expect(await sessions.resolve(mine.token)).toBeNull();
  });

  it('deletes expired sessions only', async () => {
    const old = await sessions.create(userId, { ip: null, userAgent: null });
    now += 25 * HOUR;
    const fresh = await sessions.create(userId, { ip: null, userAgent: null });
    expect(await sessions.deleteExpired()).toBeGreaterThanOrEqual(1);
    expect(await db.getRepository(Session).findOneBy({ id: old.session.id })).toBeNull();
    expect(await sessions.resolve(fresh.token)).not.toBeNull();
  });
});
