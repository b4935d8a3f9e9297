import type { MetricsSnapshot } from '../collectors/types.js';
import { realTime, type TimeSource, type TimerHandle } from '../connection/time-source.js';

export interface MetricsLoopOptions {
  collect(): MetricsSnapshot;
  onSample(snapshot: MetricsSnapshot, timestamp: number): void;
  time?: TimeSource;
}

/**
 * Takes a sample every `interval` seconds, on a fixed cadence (no drift from the time a collection
 * takes). Interval 0 pauses sampling; the connection and request handling go on.
 */
export class MetricsLoop {
  private timer: TimerHandle | undefined;
  private intervalMs = 0;
  private due = 0;
  private readonly time: TimeSource;

  constructor(private readonly options: MetricsLoopOptions) {
    this.time = options.time ?? realTime;
  }

  get intervalSeconds(): number {
    return this.intervalMs / 1000;
  }

  /** (Re)starts the cadence with a new interval; the first sample comes one interval from now. */
  setInterval(seconds: number): void {
    this.stop();
    this.intervalMs = seconds * 1000;
    if (this.intervalMs <= 0) return;
    this.due = this.time.now() + this.intervalMs;
    this.schedule();
  }

  stop(): void {
    if (this.timer) this.time.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.time.setTimeout(() => this.tick(), Math.max(0, this.due - this.time.now()));
  }

  private tick(): void {
    this.timer = undefined;
    if (this.intervalMs <= 0) return;
    const now = this.time.now();
    this.options.onSample(this.options.collect(), now);
    this.due += this.intervalMs;
    // Suspended (laptop lid, SIGSTOP, frozen VM): start a fresh cadence rather than bursting.
    if (this.due <= now) this.due = now + this.intervalMs;
    this.schedule();
  }
}
