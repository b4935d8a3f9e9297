import { RESPONSE_CACHE_MAX_ENTRIES, RESPONSE_CACHE_TTL_MS } from '@hivewatch/protocol';

/**
 * Responses by request id, as the seed-002 agent keeps them: a repeated id gets the first answer
 * back and the action does not run again (a hub retrying a restart after a reconnect must not restart
 * twice). A request still running is shared, not started a second time. Bounded in age and size.
 */
export class ResponseCache<T> {
  private readonly entries = new Map<number, { value: Promise<T>; expiresAt: number }>();

  constructor(
    private readonly ttlMs = RESPONSE_CACHE_TTL_MS,
    private readonly maxEntries = RESPONSE_CACHE_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `id`, or the result of `run()` (then cached). `hit` says which. */
  getOrRun(id: number, run: () => Promise<T>): { value: Promise<T>; hit: boolean } {
    const now = this.now();
    this.evictExpired(now);
    const cached = this.entries.get(id);
    if (cached) return { value: cached.value, hit: true };
    const value = run();
    this.entries.set(id, { value, expiresAt: now + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return { value, hit: false };
  }

  /** Entries are in insertion order, which is expiry order: stop at the first live one. */
  private evictExpired(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(id);
    }
  }
}
