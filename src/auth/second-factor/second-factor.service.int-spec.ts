import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { Clock } from '../../common/auth/clock.js';
import type { Principal } from '../../common/auth/principal.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { UsersService } from '../../users/users.service.js';
import { SecondFactor } from './second-factor.entity.js';
import { SecondFactorService } from './second-factor.service.js';

const code = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: ms,
  });

describe('SecondFactorService on a migrated SQLite database', () => {
  let hub: TestApp;
  let service: SecondFactorService;
  let principal: Principal;
  let secret: string;
  let now = Date.UTC(2030, 0, 1, 0, 0, 5);

  beforeAll(async () => {
    hub = await startTestApp();
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    service = hub.app.get(SecondFactorService);
    const admin: Principal = {
      via: 'session',
      userId: 'x',
      username: 'admin',
      role: 'admin',
      scope: 'admin',
    };
    const user = await hub.app
      .get(UsersService)
      .create(admin, { username: 'tess', password: 'tess-password-123', role: 'user' }, null);
    principal = {
      via: 'session',
      userId: user.id,
      username: 'tess',
      role: 'user',
      scope: 'admin',
      sessionId: 's',
    };
    secret = (await service.enroll(principal, null)).secret;
    await service.confirm(principal, code(secret, now), null);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('keeps the secret sealed for its own purpose only', async () => {
    const row = await hub.app
      .get(DataSource)
      .getRepository(SecondFactor)
      .findOneByOrFail({ userId: principal.userId });
    expect(row.secretSealed).not.toContain(secret);
    const box = hub.app.get(SecretBox);
    await expect(box.open(row.secretSealed, 'totp-secret')).resolves.toEqual({ secret });
    await expect(box.open(row.secretSealed)).rejects.toThrow();
  });

  it('accepts a code once even when two requests race with it', async () => {
    now += 30_000;
    const c = code(secret, now);
    const results = await Promise.all([1, 2, 3].map(() => service.verify(principal.userId, { code: c })));
    expect(results.filter((r) => r === 'totp')).toHaveLength(1);
  });

  it('refuses an earlier step once a later one was accepted (the ±1 window never reopens a step)', async () => {
    now += 90_000;
    const previous = code(secret, now - 30_000);
    expect(await service.verify(principal.userId, { code: code(secret, now + 30_000) })).toBe('totp');
    expect(await service.verify(principal.userId, { code: previous })).toBeNull();
    expect(await service.verify(principal.userId, { code: code(secret, now) })).toBeNull();
  });

  it('refuses every proof for a user without a confirmed factor', async () => {
    await service.disable(principal, null);
    now += 60_000;
    expect(await service.verify(principal.userId, { code: code(secret, now) })).toBeNull();
    expect(await service.verify(principal.userId, { recoveryCode: 'AAAABBBBCCCCDDDD' })).toBeNull();
  });
});
