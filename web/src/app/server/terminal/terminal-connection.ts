import {
  terminalHubFrameSchema,
  type TerminalBrowserFrame,
  type TerminalHubFrame,
} from '@hivewatch/protocol';
import { CreditBatcher } from './credit-batcher';
import { base64ToBytes, binaryChunks, exitMessage, inputChunks } from './terminal-frames';

/** The part of a WebSocket this uses (a real `WebSocket` in the console). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Where output goes: xterm.js's `write(bytes, callback)`. */
export type OutputSink = (bytes: Uint8Array, rendered: () => void) => void;

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'open'; sessionId: string }
  | { kind: 'ended'; message: string }
  | { kind: 'lost'; message: string };

const OPEN = 1;

/**
 * One terminal session over `/api/v1/ws/terminal` (docs/terminal.md): the ticket goes in the first
 * frame, output is written to xterm and credited once rendered, input and resizes go back as frames.
 */
export class TerminalConnection {
  private readonly credit: CreditBatcher;
  private done = false;
  private lastError: string | null = null;
  private size: { cols: number; rows: number };

  constructor(
    private readonly socket: SocketLike,
    ticket: string,
    size: { cols: number; rows: number },
    private readonly output: OutputSink,
    private readonly state: (s: ConnectionState) => void,
  ) {
    this.size = size;
    this.credit = new CreditBatcher((bytes) => this.send({ type: 'credit', bytes }));
    state({ kind: 'connecting' });
    socket.onopen = () => this.send({ type: 'auth', ticket, ...this.size });
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onclose = () => this.closed();
  }

  /** Typed text or a paste (split into frames of at most 64 KiB). */
  input(text: string): void {
    for (const data of inputChunks(text)) this.send({ type: 'input', data });
  }

  /** xterm's `onBinary` data. */
  binary(text: string): void {
    for (const data of binaryChunks(text)) this.send({ type: 'input', data });
  }

  resize(cols: number, rows: number): void {
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    this.send({ type: 'resize', cols, rows });
  }

  /** The user closes the session (or leaves the page). */
  close(): void {
    if (this.done) return;
    this.send({ type: 'close' });
    this.finish({ kind: 'ended', message: 'Session ended: closed' });
  }

  private send(frame: TerminalBrowserFrame): void {
    if (!this.done && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  private receive(data: unknown): void {
    if (this.done) return;
    const frame = parseHubFrame(data);
    if (!frame) {
      this.lastError = 'The hub sent a frame this console does not understand.';
      this.socket.close(1002, 'bad frame');
      return;
    }
    switch (frame.type) {
      case 'ready':
        this.state({ kind: 'open', sessionId: frame.sessionId });
        break;
      case 'output': {
        const bytes = base64ToBytes(frame.data);
        this.output(bytes, () => {
          if (!this.done) this.credit.written(bytes.length);
        });
        break;
      }
      case 'exit':
        this.finish({ kind: 'ended', message: exitMessage(frame) });
        break;
      case 'error':
        this.lastError = frame.message;
        break;
    }
  }

  private closed(): void {
    if (this.done) return;
    const message = this.lastError ?? 'The connection to the hub was lost.';
    this.finish({ kind: 'lost', message });
  }

  private finish(s: ConnectionState): void {
    this.done = true;
    this.credit.stop();
    this.state(s);
    if (this.socket.readyState <= OPEN) this.socket.close(1000);
  }
}

/** A hub frame checked against the protocol, or null for anything else. */
export function parseHubFrame(data: unknown): TerminalHubFrame | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = terminalHubFrameSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
