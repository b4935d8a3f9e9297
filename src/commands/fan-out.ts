import type { CommandTargetState } from '@hivewatch/protocol';

/** How one target ended (the final states of a target record). */
export type TargetOutcome = Extract<
  CommandTargetState,
  'ok' | 'failed' | 'timed_out' | 'offline' | 'denied' | 'cancelled'
>;

/** Outcomes that stop a run with `stopOnFirstFailure`: the command itself went wrong on a host. */
const FAILURES: readonly TargetOutcome[] = ['failed', 'timed_out', 'denied'];

export interface FanOutOptions {
  maxParallel: number;
  stopOnFirstFailure: boolean;
  /** Sends the command to one target and resolves with how it ended (never rejects). */
  run(targetId: string): Promise<TargetOutcome>;
  /** A target ended (run or cancelled before it was sent). */
  onOutcome(targetId: string, outcome: TargetOutcome): void;
}

/**
 * The scheduling of one command run, without I/O: at most `maxParallel` targets in flight, the rest
 * waiting in order; offline targets parked (holding no slot) until their agent returns; stop on the
 * first failure or on cancel, which ends every target not yet sent as `cancelled`.
 */
export class FanOut {
  private readonly waiting: string[] = [];
  private readonly parked = new Set<string>();
  private readonly inFlight = new Set<string>();
  private started = false;
  private stopped = false;
  private idle: (() => void) | undefined;
  /** Resolves once no target is waiting, parked or in flight. */
  readonly finished: Promise<void>;

  constructor(private readonly options: FanOutOptions) {
    if (!Number.isInteger(options.maxParallel) || options.maxParallel < 1)
      throw new RangeError('maxParallel must be a positive integer');
    this.finished = new Promise((resolve) => (this.idle = resolve));
  }

  get runningCount(): number {
    return this.inFlight.size;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Starts the run: `online` targets are sent as slots free up, in this order; `offline` ones wait,
   * holding no slot, for {@link ready} (their agent is back) or {@link expire} (their TTL ran out).
   */
  start(online: readonly string[], offline: readonly string[]): void {
    if (this.started) throw new Error('this run has already started');
    this.started = true;
    this.waiting.push(...online);
    for (const id of offline) this.parked.add(id);
    this.pump();
  }

  /** A parked target's agent is back: it queues behind the waiting ones. False if it was not parked. */
  ready(targetId: string): boolean {
    if (!this.parked.delete(targetId)) return false;
    this.waiting.push(targetId);
    this.pump();
    return true;
  }

  /**
   * A parked target's time ran out: it ends `offline` (its TTL), or `timed_out` (a target already
   * sent by an earlier hub process whose deadline passed before its agent came back).
   */
  expire(targetId: string, outcome: 'offline' | 'timed_out' = 'offline'): boolean {
    if (!this.parked.delete(targetId)) return false;
    this.options.onOutcome(targetId, outcome);
    this.settleIfIdle();
    return true;
  }

  /**
   * Ends every target not yet sent as `cancelled` and sends no more; targets in flight are returned
   * so the caller can cancel them on their hosts.
   */
  stop(): string[] {
    this.stopped = true;
    const notSent = [...this.waiting, ...this.parked];
    this.waiting.length = 0;
    this.parked.clear();
    for (const id of notSent) this.options.onOutcome(id, 'cancelled');
    this.settleIfIdle();
    return [...this.inFlight];
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < this.options.maxParallel) {
      const id = this.waiting.shift();
      if (id === undefined) break;
      this.inFlight.add(id);
      void this.options.run(id).then(
        (outcome) => this.ended(id, outcome),
        () => this.ended(id, 'failed'),
      );
    }
    this.settleIfIdle();
  }

  private ended(id: string, outcome: TargetOutcome): void {
    this.inFlight.delete(id);
    this.options.onOutcome(id, outcome);
    if (this.options.stopOnFirstFailure && FAILURES.includes(outcome) && !this.stopped) this.stop();
    this.pump();
  }

  private settleIfIdle(): void {
    if (this.started && this.waiting.length === 0 && this.parked.size === 0 && this.inFlight.size === 0)
      this.idle?.();
  }
}
