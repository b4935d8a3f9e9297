import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { loadConfig } from '../config/app-config.js';
import { SettingsStore } from '../database/settings.store.js';
import { UsersService } from '../users/users.service.js';
import {
  AccessTokenService,
  JWT_SIGNING_KEY_SETTING,
  TOKEN_CLOCK_SKEW_SECONDS,
} from './access-token.service.js';
import { CredentialsService } from './credentials.service.js';

describe('AccessTokenService and CredentialsService.authenticateBearer', () => {
  let hub: TestApp;
  let tokens: AccessTokenService;
  let now = Date.UTC(2030, 0, 1);
  let admin: Principal;

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    tokens = hub.app.get(AccessTokenService);
    const row = (await hub.app.get(UsersService).findByUsername('admin'))!;
    admin = {
      via: 'session',
      userId: row.id,
      username: 'admin',
      role: 'admin',
      scope: 'admin',
      sessionId: 's',
    };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('issues an HS256 JWT with sub, role and scope that verifies until it expires', async () => {
    const issued = await tokens.issue(admin, 3);
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const [header, payload] = issued.accessToken
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header!.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: admin.userId, role: 'admin', scope: 'admin', gen: 3 });
    expect(Number(payload!.exp) - Number(payload!.iat)).toBe(900);
    expect(await tokens.verify(issued.accessToken)).toEqual({
      principal: {
        via: 'access-token',
        userId: admin.userId,
        username: 'admin',
        role: 'admin',
        scope: 'admin',
      },
      generation: 3,
    });
    now += 899_000;
    expect(await tokens.verify(issued.accessToken)).not.toBeNull();
    now += 1000;
    expect(await tokens.verify(issued.accessToken)).toBeNull();
  });

  it('rejects tampered and foreign tokens', async () => {
    const { accessToken } = await tokens.issue({ ...admin, role: 'user', scope: 'read' }, 0);
    const [h, p, s] = accessToken.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(p, 'base64url').toString()),
        role: 'admin',
        scope: 'admin',
      }),
    ).toString('base64url');
    expect(await tokens.verify(`${h}.${forged}.${s}`)).toBeNull();
    expect(await tokens.verify('garbage')).toBeNull();
  });

  it('refuses tokens signed with the real key whose lifetime or issue time is implausible', async () => {
    const key = new TextEncoder().encode((await hub.app.get(SettingsStore).get(JWT_SIGNING_KEY_SETTING))!);
    const nowS = Math.floor(now / 1000);
    const sign = (claims: { iat?: number; exp?: number; gen?: number }) => {
      const jwt = new SignJWT({ name: 'admin', role: 'admin', scope: 'admin', ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('hivewatch')
        .setAudience('hivewatch-api')
        .setSubject(admin.userId);
      return jwt.sign(key);
    };
    const verify = async (claims: { iat?: number; exp?: number; gen?: number }) =>
      (await tokens.verify(await sign(claims))) !== null;
    const maxLife = 900 + TOKEN_CLOCK_SKEW_SECONDS;
    expect(await verify({ iat: nowS, exp: nowS + maxLife, gen: 0 })).toBe(true);
    expect(await verify({ iat: nowS, exp: nowS + maxLife + 1, gen: 0 })).toBe(false);
    expect(await verify({ iat: nowS, exp: nowS + 10 * 365 * 86_400, gen: 0 })).toBe(false);
    expect(await verify({ iat: nowS + TOKEN_CLOCK_SKEW_SECONDS, exp: nowS + 900, gen: 0 })).toBe(true);
    expect(await verify({ iat: nowS + TOKEN_CLOCK_SKEW_SECONDS + 1, exp: nowS + 900, gen: 0 })).toBe(false);
    expect(await verify({ exp: nowS + 900, gen: 0 })).toBe(false);
    expect(await verify({ iat: nowS, gen: 0 })).toBe(false);
    expect(await verify({ iat: nowS, exp: nowS + 900 })).toBe(false);
  });

  it('keeps a generated signing key in the database so another hub instance verifies its tokens', async () => {
    const stored = await hub.app.get(SettingsStore).get(JWT_SIGNING_KEY_SETTING);
    expect(stored).toHaveLength(64);
    const clock = hub.app.get(Clock);
    const twin = new AccessTokenService(hub.config, hub.app.get(SettingsStore), clock);
    expect(await twin.verify((await tokens.issue(admin, 0)).accessToken)).not.toBeNull();
    const other = new AccessTokenService(
      loadConfig({ HIVEWATCH_JWT_SECRET: 'x'.repeat(32) }),
      hub.app.get(SettingsStore),
      clock,
    );
    expect(await other.verify((await tokens.issue(admin, 0)).accessToken)).toBeNull();
  });

  it('follows the user: a demotion, a disable or a newer token generation ends the token', async () => {
    const credentials = hub.app.get(CredentialsService);
    const users = hub.app.get(UsersService);
    const bob = await users.create(
      admin,
      { username: 'bob', password: 'bob-password-1234', role: 'admin' },
      null,
    );
    const bobPrincipal: Principal = { ...admin, userId: bob.id, username: 'bob' };
    const issue = async () =>
      (await tokens.issue(bobPrincipal, (await users.authState(bob.id))!.tokenGeneration)).accessToken;
    const first = await issue();
    expect(await credentials.authenticateBearer(first)).toMatchObject({ role: 'admin', username: 'bob' });
    expect(
      await credentials.authenticateBearer((await tokens.issue(bobPrincipal, 7)).accessToken),
    ).toBeNull();
    await users.update(admin, bob.id, { role: 'user' }, null);
    expect(await credentials.authenticateBearer(first)).toBeNull();
    // a token minted with an admin claim after the demotion still acts as a user
    const second = await issue();
    expect(await credentials.authenticateBearer(second)).toMatchObject({ role: 'user' });
    await users.update(admin, bob.id, { disabled: true }, null);
    expect(await credentials.authenticateBearer(second)).toBeNull();
    await users.update(admin, bob.id, { disabled: false }, null);
    expect(await credentials.authenticateBearer(second)).toBeNull();
    expect(await credentials.authenticateBearer(await issue())).toMatchObject({ username: 'bob' });
  });
});
