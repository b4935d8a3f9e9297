import { Injectable } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import { AppConfig } from '../config/app-config.js';

const WINDOW_MS = 60_000;
/** Bound on tracked addresses, so a spray from many addresses cannot grow memory without limit. */
const MAX_TRACKED = 100_000;

/**
 * Failed agent authentications per source address in a fixed one-minute window. Past the limit the
 * gateway closes with 4429 without verifying anything (argon2 and the audit log stay cheap under attack).
 */
@Injectable()
export class AgentAuthRateLimiter {
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  isBlocked(ip: string | null): boolean {
    const entry = this.failures.get(ip ?? '?');
    if (!entry) return false;
    if (this.clock.now() - entry.windowStart >= WINDOW_MS) {
      this.failures.delete(ip ?? '?');
      return false;
    }
    return entry.count >= this.config.agents.authFailuresPerMinute;
  }

  recordFailure(ip: string | null): void {
    const key = ip ?? '?';
    const now = this.clock.now();
    const entry = this.failures.get(key);
    if (entry && now - entry.windowStart < WINDOW_MS) {
      entry.count++;
      return;
    }
    if (this.failures.size >= MAX_TRACKED) this.prune(now);
    this.failures.set(key, { count: 1, windowStart: now });
  }

  private prune(now: number): void {
    for (const [key, e] of this.failures) if (now - e.windowStart >= WINDOW_MS) this.failures.delete(key);
    // Still full: forget the oldest entries (Map keeps insertion order).
    for (const key of this.failures.keys()) {
      if (this.failures.size < MAX_TRACKED) break;
      this.failures.delete(key);
    }
  }
}
