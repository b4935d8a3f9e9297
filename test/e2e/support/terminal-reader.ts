import { StringDecoder } from 'node:string_decoder';
import WebSocket from 'ws';

/**
 * A browser-side terminal socket that reads at a chosen pace: output frames are queued as they
 * arrive, and `consume(max)` takes up to `max` bytes off the queue — as xterm.js's write callback
 * would — feeds them to `onText`, and grants exactly that much credit back. The hub and agent may
 * not send more than the credit granted, so a slow `consume` holds the shell back.
 */
export class TerminalReader {
  private readonly decoder = new StringDecoder('utf8');
  private readonly queue: Buffer[] = [];
  private queued = 0;
  received = 0;
  consumed = 0;
  /** The largest amount of output ever waiting unread in this client. */
  peakQueued = 0;
  readonly ready: Promise<Record<string, unknown>>;
  readonly closed: Promise<{ code: number; reason: string }>;
  exit: Record<string, unknown> | null = null;

  private constructor(
    readonly ws: WebSocket,
    private readonly onText: (text: string) => void,
  ) {
    this.ready = new Promise((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (frame.type === 'output') {
          const bytes = Buffer.from(frame.data as string, 'base64');
          this.queue.push(bytes);
          this.queued += bytes.length;
          this.received += bytes.length;
          this.peakQueued = Math.max(this.peakQueued, this.queued);
        } else if (frame.type === 'ready') resolve(frame);
        else if (frame.type === 'exit' || frame.type === 'error') {
          this.exit = frame;
          reject(new Error(`terminal refused: ${JSON.stringify(frame)}`));
        }
      });
      ws.on('error', reject);
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async open(
    url: string,
    headers: { cookie: string; origin: string },
    auth: { ticket: string; cols: number; rows: number },
    onText: (text: string) => void,
  ): Promise<TerminalReader> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/api/v1/ws/terminal', {
      headers: { Cookie: headers.cookie },
      origin: headers.origin,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const reader = new TerminalReader(ws, onText);
    ws.send(JSON.stringify({ type: 'auth', ...auth }));
    await reader.ready;
    return reader;
  }

  type(text: string): void {
    this.ws.send(JSON.stringify({ type: 'input', data: Buffer.from(text).toString('base64') }));
  }

  /** Reads up to `max` queued bytes and grants that much credit; returns how many. */
  consume(max = Infinity): number {
    let taken = 0;
    while (this.queue.length > 0 && taken < max) {
      const head = this.queue[0]!;
      const part = head.length <= max - taken ? head : head.subarray(0, max - taken);
      if (part === head) this.queue.shift();
      else this.queue[0] = head.subarray(part.length);
      taken += part.length;
      this.onText(this.decoder.write(part));
    }
    this.queued -= taken;
    this.consumed += taken;
    // one credit frame carries at most 4 MiB
    for (let left = taken; left > 0; left -= 4 * 1024 * 1024)
      this.ws.send(JSON.stringify({ type: 'credit', bytes: Math.min(left, 4 * 1024 * 1024) }));
    return taken;
  }
}

/**
 * Checks `seq 1 N` output as it streams: the lines after a `BEGIN` line must be 1, 2, 3 … with
 * nothing missing, doubled or out of order, then `END`.
 */
export class SeqChecker {
  private buffer = '';
  private started = false;
  next = 1;
  ended = false;
  error: string | null = null;

  push(text: string): void {
    if (this.ended || this.error) return;
    this.buffer += text;
    if (!this.started) {
      const at = this.buffer.indexOf('BEGIN\r\n');
      if (at < 0) {
        this.buffer = this.buffer.slice(-16);
        return;
      }
      this.started = true;
      this.buffer = this.buffer.slice(at + 'BEGIN\r\n'.length);
    }
    const lines = this.buffer.split('\r\n');
    this.buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'END') {
        this.ended = true;
        return;
      }
      if (line !== String(this.next)) {
        this.error = `expected line ${this.next}, got ${JSON.stringify(line.slice(0, 40))}`;
        return;
      }
      this.next++;
    }
  }
}
