import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { SessionsService } from '../auth/sessions.service.js';
import type { Principal } from '../common/auth/principal.js';
import { verifyPassword } from '../common/crypto/secrets.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { UsersService } from './users.service.js';

describe('UsersService on a migrated SQLite database', () => {
  let hub: TestApp;
  let users: UsersService;
  let actor: Principal;

  beforeAll(async () => {
    hub = await startTestApp();
    users = hub.app.get(UsersService);
    const admin = (await users.findByUsername('admin'))!;
    actor = { via: 'session', userId: admin.id, username: 'admin', role: 'admin', scope: 'admin' };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('created the configured first admin with an argon2id hash', async () => {
    const admin = (await users.findByUsername('admin'))!;
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.passwordHash!, hub.config.admin.password!)).toBe(true);
  });

  it('refuses duplicate usernames, whatever their case', async () => {
    await users.create(actor, { username: 'dup', password: 'dup-password-123', role: 'user' }, null);
    await expect(
      users.create(actor, { username: 'DUP', password: 'dup-password-123', role: 'user' }, null),
    ).rejects.toThrow(/taken/);
  });

  it('never removes, demotes or disables the last active admin', async () => {
    const admin = (await users.findByUsername('admin'))!;
    await expect(users.update(actor, admin.id, { role: 'user' }, null)).rejects.toThrow(/last active admin/);
    await expect(users.update(actor, admin.id, { disabled: true }, null)).rejects.toThrow(
      /last active admin/,
    );
    await expect(users.remove(actor, admin.id, null)).rejects.toThrow(/last active admin/);
    const second = await users.create(
      actor,
      { username: 'admin2', password: 'admin2-password-1', role: 'admin' },
      null,
    );
    await users.update(actor, second.id, { disabled: true }, null);
    // a disabled admin does not count
    await expect(users.remove(actor, admin.id, null)).rejects.toThrow(/last active admin/);
    await users.update(actor, second.id, { disabled: false }, null);
    await users.update(actor, admin.id, { role: 'user' }, null);
    await expect(users.remove(actor, second.id, null)).rejects.toThrow(/last active admin/);
    await users.update(actor, admin.id, { role: 'admin' }, null);
  });

  it('signs a user out everywhere when disabled or when an admin resets the password', async () => {
    const sessions = hub.app.get(SessionsService);
    const u = await users.create(
      actor,
      { username: 'eve', password: 'eve-password-1234', role: 'user' },
      null,
    );
    const s1 = await sessions.create(u.id, { ip: null, userAgent: null });
    await users.update(actor, u.id, { password: 'eve-password-5678' }, null);
    expect(await sessions.resolve(s1.token)).toBeNull();
    const s2 = await sessions.create(u.id, { ip: null, userAgent: null });
    await users.update(actor, u.id, { disabled: true }, null);
    await users.update(actor, u.id, { disabled: false }, null);
    expect(await sessions.resolve(s2.token)).toBeNull();
  });
});

describe('first start without a configured admin password', () => {
  it('generates one, prints it once to stdout (never to the log) and stores only its hash', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    let hub: TestApp | undefined;
    try {
      hub = await startTestApp({ HIVEWATCH_ADMIN_PASSWORD: '', HIVEWATCH_ADMIN_USERNAME: 'root' });
      const banners = writes.filter((w) => w.includes('password:'));
      expect(banners).toHaveLength(1);
      const password = /password: (\S+)/.exec(banners[0]!)![1]!;
      expect(password.length).toBeGreaterThanOrEqual(24);
      const root = (await hub.app.get(UsersService).findByUsername('root'))!;
      expect(root.role).toBe('admin');
      expect(await verifyPassword(root.passwordHash!, password)).toBe(true);
      // a later start finds a user and prints nothing
      await hub.app.get(AdminBootstrap).onApplicationBootstrap();
      expect(writes.filter((w) => w.includes('password:'))).toHaveLength(1);
    } finally {
      spy.mockRestore();
      await hub?.close();
    }
  });
});
