import type { Outbox } from './outbox.js';
import type { OutboxEntry } from './outbox-file.js';

export interface FrameSink {
  readonly isOpen: boolean;
  readonly bufferedAmount: number;
  send(text: string): boolean;
}

export interface OutboxSenderOptions {
  outbox: Outbox;
  sink: FrameSink;
  /** Samples per second while re-sending the backlog. */
  rate: number;
  /** Above this many queued bytes the pacer waits for the socket to drain. */
  highWaterBytes?: number;
}

const TICK_MS = 100;

/** `metrics` event text for an outbox entry; backfilled ones carry `"backfill":true`. */
export function metricsFrame(entry: OutboxEntry, backfill: boolean): string {
  const payload = backfill ? `{"backfill":true,${entry.json.slice(1)}` : entry.json;
  return `{"type":"event","id":null,"action":"metrics","payload":${payload},"timestamp":${entry.timestamp}}`;
}

/**
 * Sends samples in `seq` order. After each (re)authentication everything still unacknowledged is
 * re-sent oldest first with `backfill: true`, paced at `rate` per second; samples taken meanwhile queue
 * behind it (the hub drops a seq at or below the highest it has, so order matters). Once the backlog
 * is out, new samples go live at once.
 */
export class OutboxSender {
  private cursor = 0;
  private active = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly perTick: number;
  private readonly highWater: number;

  constructor(private readonly options: OutboxSenderOptions) {
    this.perTick = Math.max(1, Math.round((options.rate * TICK_MS) / 1000));
    this.highWater = options.highWaterBytes ?? 256 * 1024;
  }

  /** Backfilled samples sent on the current connection. */
  backfilled = 0;

  /** The hub accepted us: start over from the oldest unacknowledged sample. */
  connected(): void {
    this.active = true;
    this.cursor = this.options.outbox.ackedSeq;
    this.backfilled = 0;
    this.pump();
  }

  disconnected(): void {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A new sample is in the outbox: send it live unless a backlog is still going out. */
  sampled(entry: OutboxEntry): void {
    if (!this.active || this.timer !== undefined) return;
    if (this.options.outbox.after(this.cursor, 1)[0]?.seq !== entry.seq) return this.pump();
    if (this.options.sink.send(metricsFrame(entry, false))) this.cursor = entry.seq;
  }

  get draining(): boolean {
    return this.timer !== undefined;
  }

  private pump(): void {
    this.timer = undefined;
    if (!this.active || !this.options.sink.isOpen) return;
    if (this.options.sink.bufferedAmount > this.highWater) {
      this.timer = setTimeout(() => this.pump(), TICK_MS);
      return;
    }
    const batch = this.options.outbox.after(this.cursor, this.perTick);
    for (const entry of batch) {
      if (!this.options.sink.send(metricsFrame(entry, true))) return;
      this.cursor = entry.seq;
      this.backfilled++;
    }
    if (batch.length === this.perTick) this.timer = setTimeout(() => this.pump(), TICK_MS);
  }
}
