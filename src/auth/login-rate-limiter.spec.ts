import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Clock } from '../common/auth/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { ACCOUNT_DELAY_CAP_MS, ADDRESS_BACKOFF_CAP_MS, LoginRateLimiter } from './login-rate-limiter.js';

class FakeClock implements Clock {
  t = 1_000_000;
  now() {
    return this.t;
  }
}

const WINDOW = 15 * 60_000;
const IP = '10.0.0.1';

describe('LoginRateLimiter', () => {
  let clock: FakeClock;
  let limiter: LoginRateLimiter;
  const fail = (times: number, username = 'alice', ip: string | null = IP) => {
    for (let i = 0; i < times; i++) limiter.recordFailure(username, ip);
  };
  beforeEach(() => {
    clock = new FakeClock();
    const config = { loginLimit: { maxFailures: 5, windowMs: WINDOW } } as AppConfig;
    limiter = new LoginRateLimiter(config, clock);
  });

  it('lets four failures through at once, then makes the pair wait 1 s, 2 s, 4 s … after its last failure', () => {
    fail(4);
    expect(limiter.gate('alice', IP)).toEqual({ kind: 'go', delayMs: 0 });
    fail(1);
    expect(limiter.gate('alice', IP)).toEqual({ kind: 'wait', retryAfterMs: 1000 });
    clock.t += 1000;
    expect(limiter.gate('alice', IP).kind).toBe('go');
    fail(1);
    expect(limiter.gate('alice', IP)).toEqual({ kind: 'wait', retryAfterMs: 2000 });
    fail(1);
    expect(limiter.gate('alice', IP)).toEqual({ kind: 'wait', retryAfterMs: 4000 });
  });

  it('caps the backoff of a pair at 60 s, never a 15-minute wall', () => {
    fail(40);
    expect(limiter.gate('alice', IP)).toEqual({ kind: 'wait', retryAfterMs: ADDRESS_BACKOFF_CAP_MS });
    clock.t += ADDRESS_BACKOFF_CAP_MS;
    expect(limiter.gate('alice', IP).kind).toBe('go');
  });

  it('does not make the account wait from another address: it only delays it, up to 4 s', () => {
    fail(5);
    expect(limiter.gate('alice', '10.9.9.9')).toEqual({ kind: 'go', delayMs: 250 });
    fail(1);
    expect(limiter.gate('alice', '10.9.9.9')).toEqual({ kind: 'go', delayMs: 500 });
    fail(20);
    expect(limiter.gate('alice', '10.9.9.9')).toEqual({ kind: 'go', delayMs: ACCOUNT_DELAY_CAP_MS });
  });

  it('throttles one address trying many accounts, not other addresses', () => {
    for (let i = 0; i < 5; i++) limiter.recordFailure(`user-${i}`, IP);
    expect(limiter.gate('bob', IP)).toEqual({ kind: 'wait', retryAfterMs: 1000 });
    expect(limiter.gate('bob', '10.0.0.2')).toEqual({ kind: 'go', delayMs: 0 });
  });

  it('a success clears the account and its pair but not the address', () => {
    fail(5);
    limiter.recordSuccess('alice', IP);
    expect(limiter.gate('alice', '10.9.9.9')).toEqual({ kind: 'go', delayMs: 0 });
    expect(limiter.gate('carol', IP).kind).toBe('wait');
  });

  it('unlock clears the account and every pair on it, and says how many failures it forgot', () => {
    fail(6, 'alice', '10.0.0.1');
    fail(6, 'alice', '10.0.0.2');
    expect(limiter.unlock('Alice')).toBe(12);
    expect(limiter.recentFailures('alice')).toBe(0);
    // the addresses keep their own count: unlocking one account does not free an attacker's address
    expect(limiter.gate('alice', '10.0.0.1').kind).toBe('wait');
    clock.t += ADDRESS_BACKOFF_CAP_MS;
    expect(limiter.gate('alice', '10.0.0.1')).toEqual({ kind: 'go', delayMs: 0 });
  });

  it('forgets failures older than the window', () => {
    fail(30);
    clock.t += WINDOW + 1;
    expect(limiter.gate('alice', IP)).toEqual({ kind: 'go', delayMs: 0 });
    expect(limiter.recentFailures('alice')).toBe(0);
  });

  it('prunes keys whose failures expired, keeping memory bounded', () => {
    for (let i = 0; i < 100; i++) limiter.recordFailure('alice', `10.1.0.${i}`);
    expect(limiter.size).toBe(201); // the account, 100 addresses, 100 pairs
    clock.t += WINDOW + 1;
    limiter.recordFailure('bob', '10.2.0.1');
    expect(limiter.size).toBe(3);
  });
});
