import { Injectable } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import { AppConfig } from '../config/app-config.js';

/** Hard cap on tracked keys: beyond it the oldest entries go first, so memory stays bounded under attack. */
const MAX_TRACKED_KEYS = 50_000;

/**
 * Counts failed sign-ins per key (an account, an address) in a sliding window held in memory.
 * A key is blocked once it has `maxFailures` failures inside the window, until the oldest of them
 * leaves the window. Each key keeps at most `maxFailures` timestamps.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private lastPrune = 0;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.maxFailures = config.loginLimit.maxFailures;
    this.windowMs = config.loginLimit.windowMs;
  }

  /** Milliseconds until every given key may try again; 0 when none is blocked. */
  retryAfterMs(keys: readonly string[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFailures) {
        wait = Math.max(wait, recent[recent.length - this.maxFailures]! + this.windowMs - now);
      }
    }
    return wait;
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.clock.now();
    this.prune(now);
    for (const key of keys) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.failures.delete(key); // re-insert: the map's order is oldest activity first
      this.failures.set(key, recent.slice(-this.maxFailures));
    }
    while (this.failures.size > MAX_TRACKED_KEYS) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  /** How many keys are tracked (for tests and diagnostics). */
  get size(): number {
    return this.failures.size;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  /** Drops keys whose failures have all left the window, at most once per window/10. */
  private prune(now: number): void {
    if (now - this.lastPrune < this.windowMs / 10) return;
    this.lastPrune = now;
    for (const [key, times] of this.failures) {
      if ((times[times.length - 1] ?? 0) <= now - this.windowMs) this.failures.delete(key);
    }
  }
}

export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
export const addressKey = (ip: string | null) => `address:${ip ?? 'unknown'}`;
