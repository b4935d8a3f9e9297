/** Limits of one browser's outgoing queue (the socket's unsent bytes). */
export interface FlowLimits {
  /** Above this many unsent bytes, updates are skipped and the browser is stale. */
  boundBytes: number;
  /** A browser stale this long is closed. */
  staleCloseMs: number;
}

/**
 * What to do with the next frame for a browser:
 * - `send`: send it;
 * - `skip`: drop it, the browser is behind (the hub never queues beyond the socket's own buffer);
 * - `resync`: the stale browser has drained: send a fresh `full_sync` instead of what it missed;
 * - `close`: it stayed behind for too long.
 */
export type FlowDecision = 'send' | 'skip' | 'resync' | 'close';

/**
 * Per-browser backpressure state. The bound applies to the socket's `bufferedAmount` before each
 * send, so the hub holds at most the bound plus one frame per browser — plus, right after a
 * `full_sync`, that frame's own size (its `allowance`), so that a large full_sync draining slowly
 * does not count as falling behind again.
 */
export class BrowserFlow {
  private stale = false;
  private staleSince = 0;
  private allowance = 0;

  constructor(private readonly limits: FlowLimits) {}

  get isStale(): boolean {
    return this.stale;
  }

  decide(bufferedAmount: number, now: number): FlowDecision {
    const { boundBytes, staleCloseMs } = this.limits;
    if (bufferedAmount <= boundBytes) this.allowance = 0;
    if (this.stale) {
      // hysteresis: resync only once most of the backlog is out, not at the first byte under the bound
      if (bufferedAmount <= boundBytes / 4) return 'resync';
      return now - this.staleSince >= staleCloseMs ? 'close' : 'skip';
    }
    if (bufferedAmount > boundBytes + this.allowance) {
      this.stale = true;
      this.staleSince = now;
      return 'skip';
    }
    return 'send';
  }

  /** A `full_sync` of `bytes` was just sent: the browser is current again. */
  synced(bytes: number): void {
    this.stale = false;
    this.allowance = bytes;
  }
}
