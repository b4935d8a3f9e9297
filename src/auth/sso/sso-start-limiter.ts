import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../../common/auth/clock.js';

/** Round trips one address may start per window: enough for a company behind one NAT address at 9 am, small for a flood (an address then holds at most 1,200 of the pending round trips). */
export const SSO_STARTS_PER_ADDRESS = 120;
export const SSO_START_WINDOW_MS = 60_000;
/** Addresses tracked at once; beyond it the oldest windows are forgotten, so memory stays bounded. */
const MAX_TRACKED = 10_000;

/**
 * An anonymous `start` stores a round trip for 10 minutes: without a bound, one client could fill
 * the table. Each address may start a few per minute (429 with Retry-After beyond);
 * SsoFlowsService also caps the round trips pending at once.
 */
@Injectable()
export class SsoStartLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly clock: Clock) {}

  admit(ip: string | null): void {
    const now = this.clock.now();
    const key = ip ?? 'unknown';
    let window = this.windows.get(key);
    if (!window || now - window.start >= SSO_START_WINDOW_MS) {
      this.windows.delete(key);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      while (this.windows.size > MAX_TRACKED) this.windows.delete(this.windows.keys().next().value as string);
    }
    window.count += 1;
    if (window.count > SSO_STARTS_PER_ADDRESS) {
      throw tooManyStarts(Math.ceil((window.start + SSO_START_WINDOW_MS - now) / 1000));
    }
  }
}

/** 429 with the seconds to wait (RetryAfterInterceptor sets the header from `retryAfterSeconds`). */
export function tooManyStarts(seconds: number): HttpException {
  const error = new HttpException(
    {
      statusCode: HttpStatus.TOO_MANY_REQUESTS,
      error: 'Too Many Requests',
      message: `Too many sign-ins started; try again in ${Math.max(1, seconds)} seconds`,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
  return Object.assign(error, { retryAfterSeconds: Math.max(1, seconds) });
}
