import { Injectable } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import { AppConfig } from '../config/app-config.js';

/** Hard cap on tracked keys: beyond it the least recently failed go first, so memory stays bounded. */
const MAX_TRACKED_KEYS = 50_000;
/** Failures kept per key beyond the free ones: enough for every backoff step up to the caps below. */
const EXTRA_KEPT = 12;
/** Longest wait imposed on one address, or on one account from one address. */
export const ADDRESS_BACKOFF_CAP_MS = 60_000;
/** Longest delay added to a sign-in of an account under attack, from any address. */
export const ACCOUNT_DELAY_CAP_MS = 4_000;
const ACCOUNT_DELAY_BASE_MS = 250;

/** What a sign-in attempt may do now. */
export type LoginGate =
  | { kind: 'wait'; retryAfterMs: number }
  /** Go ahead after `delayMs` (0 = at once). */
  | { kind: 'go'; delayMs: number };

/**
 * Brute-force protection for password checks, in memory, without a lock-out:
 * - per (account, address) pair and per address: the first `maxFailures` failures inside the window
 *   are free; after that the next attempt must wait 1 s, 2 s, 4 s … (at most 60 s) after the last
 *   failure, and earlier attempts are refused (429) without checking the password;
 * - per account, from all addresses together: from the `maxFailures`-th failure on, each attempt is
 *   answered after a growing delay (250 ms doubling, at most 4 s) but is never refused, so the right
 *   password from another address always gets in.
 * A failure is forgotten once it is older than the window; a successful sign-in clears its account
 * and its pair; an admin can clear an account (and all its pairs).
 */
@Injectable()
export class LoginRateLimiter {
  /** Failure times per key, oldest activity first (a key is re-inserted on every failure). */
  private readonly failures = new Map<string, number[]>();
  private readonly freeFailures: number;
  private readonly windowMs: number;
  private lastPrune = 0;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.freeFailures = config.loginLimit.maxFailures;
    this.windowMs = config.loginLimit.windowMs;
  }

  /** Whether an attempt on `username` from `ip` may be checked now, and after which delay. */
  gate(username: string, ip: string | null): LoginGate {
    const now = this.clock.now();
    const retryAfterMs = Math.max(
      this.backoffWait(pairKey(username, ip), now),
      this.backoffWait(addressKey(ip), now),
    );
    if (retryAfterMs > 0) return { kind: 'wait', retryAfterMs };
    return { kind: 'go', delayMs: this.accountDelay(accountKey(username), now) };
  }

  recordFailure(username: string, ip: string | null): void {
    const now = this.clock.now();
    this.prune(now);
    for (const key of [accountKey(username), addressKey(ip), pairKey(username, ip)]) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.failures.delete(key); // re-insert: the map's order is oldest activity first
      this.failures.set(key, recent.slice(-(this.freeFailures + EXTRA_KEPT)));
    }
    while (this.failures.size > MAX_TRACKED_KEYS) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  /** A right password: the account and this pair start over; the address keeps its count. */
  recordSuccess(username: string, ip: string | null): void {
    this.failures.delete(accountKey(username));
    this.failures.delete(pairKey(username, ip));
  }

  /** Clears the account's failures and those of every (account, address) pair; returns how many. */
  unlock(username: string): number {
    const now = this.clock.now();
    const account = accountKey(username);
    const cleared = this.recent(account, now).length;
    this.failures.delete(account);
    const pairPrefix = `pair:${username.toLowerCase()}|`;
    for (const key of [...this.failures.keys()]) if (key.startsWith(pairPrefix)) this.failures.delete(key);
    return cleared;
  }

  /** Failures of the account inside the window (as shown to admins). */
  recentFailures(username: string): number {
    return this.recent(accountKey(username), this.clock.now()).length;
  }

  /** How many keys are tracked (for tests and diagnostics). */
  get size(): number {
    return this.failures.size;
  }

  private backoffWait(key: string, now: number): number {
    const recent = this.recent(key, now);
    const over = recent.length - this.freeFailures;
    if (over < 0) return 0;
    const step = Math.min(ADDRESS_BACKOFF_CAP_MS, 1000 * 2 ** over);
    return Math.max(0, recent[recent.length - 1]! + step - now);
  }

  private accountDelay(key: string, now: number): number {
    const over = this.recent(key, now).length - this.freeFailures;
    if (over < 0) return 0;
    return Math.min(ACCOUNT_DELAY_CAP_MS, ACCOUNT_DELAY_BASE_MS * 2 ** over);
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

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const addressKey = (ip: string | null) => `address:${ip ?? 'unknown'}`;
const pairKey = (username: string, ip: string | null) => `pair:${username.toLowerCase()}|${ip ?? 'unknown'}`;
