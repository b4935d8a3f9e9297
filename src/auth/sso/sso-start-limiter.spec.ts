import { describe, expect, it } from '@jest/globals';
import { HttpStatus, type HttpException } from '@nestjs/common';
import type { Clock } from '../../common/auth/clock.js';
import { SSO_START_WINDOW_MS, SSO_STARTS_PER_ADDRESS, SsoStartLimiter } from './sso-start-limiter.js';

function limiterAt(time: { now: number }): SsoStartLimiter {
  const clock: Clock = { now: () => time.now };
  return new SsoStartLimiter(clock);
}

function refusal(fn: () => void): HttpException & { retryAfterSeconds: number } {
  try {
    fn();
  } catch (err) {
    return err as HttpException & { retryAfterSeconds: number };
  }
  throw new Error('expected a refusal');
}

describe('SsoStartLimiter', () => {
  it('lets an address start its quota per window, refuses the next with the seconds to wait, then lets it again', () => {
    const time = { now: 1_000_000 };
    const limiter = limiterAt(time);
    for (let i = 0; i < SSO_STARTS_PER_ADDRESS; i++) limiter.admit('198.51.100.7');
    time.now += 15_000;
    const refused = refusal(() => limiter.admit('198.51.100.7'));
    expect(refused.getStatus()).toBe(HttpStatus.TOO_MANY_REQUESTS);
    expect(refused.retryAfterSeconds).toBe(45);
    limiter.admit('198.51.100.8'); // another address is not affected
    time.now += SSO_START_WINDOW_MS;
    expect(() => limiter.admit('198.51.100.7')).not.toThrow();
  });

  it('keeps a bounded number of addresses', () => {
    const time = { now: 0 };
    const limiter = limiterAt(time);
    for (let i = 0; i < 20_000; i++) limiter.admit(`10.0.${i >> 8}.${i & 255}`);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(
      10_000,
    );
  });
});
