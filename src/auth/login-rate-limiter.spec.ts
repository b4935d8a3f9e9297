import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Clock } from '../common/auth/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { LoginRateLimiter } from './login-rate-limiter.js';

class FakeClock implements Clock {
  t = 1_000_000;
  now() {
    return this.t;
  }
}

const WINDOW = 15 * 60_000;

describe('LoginRateLimiter', () => {
  let clock: FakeClock;
  let limiter: LoginRateLimiter;
  beforeEach(() => {
    clock = new FakeClock();
    const config = { loginLimit: { maxFailures: 5, windowMs: WINDOW } } as AppConfig;
    limiter = new LoginRateLimiter(config, clock);
  });

  it('allows four failures and blocks after the fifth until the first leaves the window', () => {
    for (let i = 0; i < 4; i++) {
      limiter.recordFailure(['a']);
      clock.t += 1000;
    }
    expect(limiter.retryAfterMs(['a'])).toBe(0);
    limiter.recordFailure(['a']);
    const firstFailure = 1_000_000;
    expect(limiter.retryAfterMs(['a'])).toBe(firstFailure + WINDOW - clock.t);
    clock.t = firstFailure + WINDOW - 1;
    expect(limiter.retryAfterMs(['a'])).toBe(1);
    clock.t = firstFailure + WINDOW;
    expect(limiter.retryAfterMs(['a'])).toBe(0);
  });

  it('blocks when any of the given keys is blocked and reports the longest wait', () => {
    for (let i = 0; i < 5; i++) limiter.recordFailure(['account:x', 'address:1']);
    expect(limiter.retryAfterMs(['account:y', 'address:1'])).toBe(WINDOW);
    expect(limiter.retryAfterMs(['account:y', 'address:2'])).toBe(0);
  });

  it('reset clears one key only', () => {
    for (let i = 0; i < 5; i++) limiter.recordFailure(['account:x', 'address:1']);
    limiter.reset('account:x');
    expect(limiter.retryAfterMs(['account:x'])).toBe(0);
    expect(limiter.retryAfterMs(['address:1'])).toBe(WINDOW);
  });

  it('prunes keys whose failures expired, keeping memory bounded', () => {
    for (let i = 0; i < 100; i++) limiter.recordFailure([`address:${i}`]);
    expect(limiter.size).toBe(100);
    clock.t += WINDOW + 1;
    limiter.recordFailure(['address:new']);
    expect(limiter.size).toBe(1);
  });

  it('keeps at most maxFailures timestamps per key', () => {
    for (let i = 0; i < 50; i++) {
      limiter.recordFailure(['a']);
      clock.t += 10;
    }
    // the oldest kept failure is the 46th: the key is free once it leaves the window
    clock.t = 1_000_000 + 45 * 10 + WINDOW;
    expect(limiter.retryAfterMs(['a'])).toBe(0);
  });
});
