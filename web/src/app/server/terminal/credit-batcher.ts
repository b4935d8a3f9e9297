import { CREDIT_MAX_BYTES } from './terminal-frames';

/**
 * Credit for output that xterm.js has rendered, sent back in batches: at once when `threshold` bytes
 * are owed, otherwise `delayMs` after the first unpaid byte. Never more than 4 MiB in one grant.
 */
export class CreditBatcher {
  private owed = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly grant: (bytes: number) => void,
    private readonly threshold = 32 * 1024,
    private readonly delayMs = 50,
  ) {}

  /** Called from xterm's write callback with the bytes it just processed. */
  written(bytes: number): void {
    if (bytes <= 0) return;
    this.owed += bytes;
    if (this.owed >= this.threshold) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.owed > 0) {
      const bytes = Math.min(this.owed, CREDIT_MAX_BYTES);
      this.owed -= bytes;
      this.grant(bytes);
    }
  }

  /** The session is over: nothing more is granted. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.owed = 0;
  }
}
