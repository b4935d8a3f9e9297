import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { UsersService } from '../users/users.service.js';
import { ApiKey } from './api-key.entity.js';
import { API_KEY_TOUCH_INTERVAL_MS, ApiKeysService } from './api-keys.service.js';

describe('ApiKeysService on a migrated SQLite database', () => {
  let hub: TestApp;
  let keys: ApiKeysService;
  let db: DataSource;
  let now = Date.UTC(2030, 0, 1);
  let admin: Principal;
  let user: Principal;

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    keys = hub.app.get(ApiKeysService);
    db = hub.app.get(DataSource);
    const users = hub.app.get(UsersService);
    const adminRow = (await users.findByUsername('admin'))!;
    admin = { via: 'session', userId: adminRow.id, username: 'admin', role: 'admin', scope: 'admin' };
    const created = await users.create(
      admin,
      { username: 'kim', password: 'kim-password-1234', role: 'user' },
      null,
    );
    user = { via: 'session', userId: created.id, username: 'kim', role: 'user', scope: 'admin' };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('creates hw_ keys stored as SHA-256 with a display prefix', async () => {
    const created = await keys.create(admin, { name: 'ci', scope: 'admin' }, null);
    expect(created.key).toMatch(/^hw_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(3, 11));
    const row = await db.getRepository(ApiKey).findOneByOrFail({ id: created.id });
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.key.slice(3));
    expect(await keys.authenticate(created.key)).toMatchObject({
      via: 'api-key',
      role: 'admin',
      scope: 'admin',
    });
    expect(await keys.authenticate(created.key + 'x')).toBeNull();
    expect(await keys.authenticate('not-a-key')).toBeNull();
  });

  it('lets a user create read keys only', async () => {
    await expect(keys.create(user, { name: 'x', scope: 'admin' }, null)).rejects.toThrow(/admin/);
    const read = await keys.create(user, { name: 'x', scope: 'read' }, null);
    expect(await keys.authenticate(read.key)).toMatchObject({ role: 'user', scope: 'read' });
  });

  it('records lastUsedAt at most once a minute', async () => {
    const created = await keys.create(admin, { name: 'touch', scope: 'read' }, null);
    const lastUsed = async () =>
      (await db.getRepository(ApiKey).findOneByOrFail({ id: created.id })).lastUsedAt;
    await keys.authenticate(created.key);
    const first = now;
    expect((await lastUsed())?.getTime()).toBe(first);
    now += API_KEY_TOUCH_INTERVAL_MS - 1;
    await keys.authenticate(created.key);
    expect((await lastUsed())?.getTime()).toBe(first);
    now += 1;
    await keys.authenticate(created.key);
    expect((await lastUsed())?.getTime()).toBe(now);
  });

  it('stops accepting a key once it expires or is revoked, or its user is disabled', async () => {
    const expiring = await keys.create(
      admin,
      { name: 'e', scope: 'read', expiresAt: new Date(now + 1000) },
      null,
    );
    expect(await keys.authenticate(expiring.key)).not.toBeNull();
    now += 1000;
    expect(await keys.authenticate(expiring.key)).toBeNull();

    const revoked = await keys.create(admin, { name: 'r', scope: 'read' }, null);
    await keys.revoke(admin, revoked.id, null);
    expect(await keys.authenticate(revoked.key)).toBeNull();

    const userKey = await keys.create(user, { name: 'u', scope: 'read' }, null);
    await db.getRepository('users').update(user.userId, { disabled: true });
    expect(await keys.authenticate(userKey.key)).toBeNull();
    await db.getRepository('users').update(user.userId, { disabled: false });
  });

  it("lists only the caller's keys unless an admin asks for all, and hides other users' keys on revoke", async () => {
    const mine = await keys.list(user, false);
    expect(mine.every((k) => k.userId === user.userId)).toBe(true);
    expect(JSON.stringify(mine)).not.toMatch(/keyHash|"key"/);
    await expect(keys.list(user, true)).rejects.toThrow(/admins/);
    expect((await keys.list(admin, true)).length).toBeGreaterThan(mine.length);
    const adminKey = (await keys.list(admin, false))[0]!;
    await expect(keys.revoke(user, adminKey.id, null)).rejects.toThrow(/not found/);
  });
});
