import { Injectable } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';

export const STATUS_CACHE_MS = 30_000;
/** Entries kept at once (pages × days asked); the oldest go first beyond it. */
const MAX_ENTRIES = 2000;

/**
 * What the public routes answered, per key (`slug` or `slug/day`), for {@link STATUS_CACHE_MS}.
 * Every admin change to pages, incidents or windows clears it all, so an edit shows at once.
 * Building is shared: concurrent misses of one key wait for the same build.
 */
@Injectable()
export class StatusCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  private generation = 0;

  constructor(private readonly clock: Clock) {}

  get<T>(key: string, build: () => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < STATUS_CACHE_MS) return hit.value as Promise<T>;
    const generation = this.generation;
    const value = build();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    // A failed build, or one overtaken by an edit, is not kept.
    value.then(
      () => generation === this.generation || this.drop(key, value),
      () => this.drop(key, value),
    );
    return value;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  private drop(key: string, value: Promise<unknown>): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
  }
}
