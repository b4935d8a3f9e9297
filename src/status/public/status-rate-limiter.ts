import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/auth/clock.js';

export const STATUS_WINDOW_MS = 60_000;
/** Requests per client address and minute: JSON, and HTML pages (which also serve the day pages). */
export const STATUS_JSON_PER_MINUTE = 60;
export const STATUS_HTML_PER_MINUTE = 300;
const MAX_TRACKED = 10_000;

/**
 * Fixed one-minute windows per client address (`req.ip`: the proxy's client when trust proxy is
 * set). Returns the seconds to wait when over the limit, else null. Memory stays bounded: beyond
 * {@link MAX_TRACKED} addresses the oldest windows are forgotten.
 */
@Injectable()
export class StatusRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly clock: Clock) {}

  admit(kind: 'json' | 'html', ip: string | undefined): number | null {
    const now = this.clock.now();
    const key = `${kind}|${ip ?? '?'}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= STATUS_WINDOW_MS) {
      this.windows.delete(key);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      while (this.windows.size > MAX_TRACKED) this.windows.delete(this.windows.keys().next().value as string);
    }
    w.count++;
    const limit = kind === 'json' ? STATUS_JSON_PER_MINUTE : STATUS_HTML_PER_MINUTE;
    return w.count > limit ? Math.max(1, Math.ceil((w.start + STATUS_WINDOW_MS - now) / 1000)) : null;
  }
}
