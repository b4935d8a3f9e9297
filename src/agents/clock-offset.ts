/**
 * Estimates how far an agent's clock is from the hub's: offset = agent time − receive time, smoothed
 * over live samples (EWMA). Network delay is part of the offset, which is what we want: a sample is
 * bucketed at the time the hub would have stamped it, without the jitter of each delivery.
 */
export class ClockOffsetEstimator {
  private estimate: number | null = null;

  /** `weight` of a new observation (0..1]: 0.2 follows a clock change within ~10 samples. */
  constructor(private readonly weight = 0.2) {}

  /** Milliseconds the agent's clock is ahead of the hub's (negative: behind); 0 before any sample. */
  get offsetMs(): number {
    return this.estimate ?? 0;
  }

  get known(): boolean {
    return this.estimate !== null;
  }

  /** Feeds one live sample's agent timestamp and receive time. */
  observe(agentTime: number, receivedAt: number): void {
    const offset = agentTime - receivedAt;
    this.estimate = this.estimate === null ? offset : this.estimate + this.weight * (offset - this.estimate);
  }

  /** Set by {@link bucketTime}: the last live sample was too far off and used receive time. */
  lastSkewed = false;

  /**
   * The bucket time of a sample. Live: observe, correct, and fall back to receive time when the
   * corrected time is farther than `windowMs` from it (a clock that jumped). Backfilled: corrected
   * agent time, whatever its age (that is the point of backfill). No timestamp: receive time.
   */
  bucketTime(agentTime: number | undefined, receivedAt: number, live: boolean, windowMs: number): number {
    this.lastSkewed = false;
    if (agentTime === undefined) return receivedAt;
    if (!live) return Math.round(this.correct(agentTime));
    this.observe(agentTime, receivedAt);
    const corrected = Math.round(this.correct(agentTime));
    if (Math.abs(corrected - receivedAt) <= windowMs) return corrected;
    this.lastSkewed = true;
    return receivedAt;
  }

  /** Agent time expressed on the hub's clock. */
  correct(agentTime: number): number {
    return agentTime - (this.estimate ?? 0);
  }
}
