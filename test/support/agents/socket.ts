import WebSocket from 'ws';

/** A frame or the close the test waits for. */
export interface Closed {
  code: number;
  reason: string;
}

/**
 * A raw WebSocket with an inbox: every text frame received (parsed when JSON) and the close.
 * Tests wait on it instead of sleeping.
 */
export class TestSocket {
  readonly inbox: unknown[] = [];
  closed: Closed | undefined;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : (data as Buffer).toString('utf8');
      let value: unknown = text;
      try {
        value = JSON.parse(text);
      } catch {
        /* keep the text */
      }
      this.inbox.push(value);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    ws.on('error', () => undefined);
  }

  static open(url: string): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Resolves with the first inbox entry (from `from`) matching, or rejects after `timeoutMs`. */
  async next<T = Record<string, unknown>>(
    match: (frame: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 5000,
    from = 0,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.inbox
        .slice(from)
        .find((f) => typeof f === 'object' && f !== null && match(f as Record<string, unknown>));
      if (found !== undefined) return found as T;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the expected frame`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching frame within ${timeoutMs} ms; inbox: ${JSON.stringify(this.inbox).slice(0, 500)}`,
        );
      await this.wait(left);
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<Closed> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`socket still open after ${timeoutMs} ms`);
      await this.wait(left);
    }
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.min(ms, 250));
      const waiter = () => done();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(waiter);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
