import type { CommandRunEvent } from '@hivewatch/protocol';
import type { Response } from 'express';

export interface SseWriterOptions {
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Bytes the socket may leave unsent: past this the follower is too slow and is dropped. */
  maxBufferedBytes: number;
  /** Called once when the stream ends, whoever ended it. */
  onClose(): void;
}

/**
 * One Server-Sent Events response: `data: <event JSON>` messages (no `event:` names, so a plain
 * EventSource `onmessage` sees them all), a heartbeat comment, and a bounded send buffer: a client
 * that does not read is dropped instead of growing the hub's memory. `E`: the event type (command run
 * events by default: then it is a RunListener; src/docker/logs sends container log events).
 */
export class SseWriter<E = CommandRunEvent> {
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: Response,
    private readonly options: SseWriterOptions,
  ) {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), options.heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(event: E): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  end(): void {
    if (this.closed) return;
    this.res.end();
    this.close();
  }

  private write(text: string): void {
    if (this.closed) return;
    this.res.write(text);
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.res.destroy();
      this.close();
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.options.onClose();
  }
}
