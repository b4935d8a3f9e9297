/**
 * Exponential backoff with full jitter (AWS architecture blog): the n-th retry waits a uniformly random
 * time in [0, min(max, base × 2^n)], so a fleet that lost its hub at the same moment does not come
 * back at the same moment.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before the next attempt. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(this.random() * ceiling);
  }

  /** After a connection that authenticated: the next failure starts from the base again. */
  reset(): void {
    this.attempt = 0;
  }
}
