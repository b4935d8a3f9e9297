import type { ContainerLogEvent, DockerLogPayload } from '@hivewatch/protocol';
import type { Response } from 'express';
import { SseWriter } from '../../commands/sse-writer.js';
import { entryBytes, logEventsOf } from './log-events.js';

export interface LogStreamHooks {
  /** Ask the host to stop the engine stream (`docker-logs-stop`); called at most once. */
  stopOnHost(): void;
  /** The stream is over on the hub: forget it, release its quota; called exactly once. */
  done(): void;
}

export interface LogStreamWriterOptions {
  heartbeatMs: number;
  maxBufferedBytes: number;
}

/** Lines kept while `docker-logs-start` is not answered yet; past this they are counted as dropped. */
export const PENDING_MAX_BYTES = 1024 * 1024;

/**
 * One follower's container log stream: `docker-log` batches of its stream id become SSE events.
 * Until the agent confirmed the start, events wait (bounded); then the SSE writer carries them with
 * its bounded send buffer (a client that stops reading is dropped). Whoever ends it — the host (last
 * batch), the client (disconnect, or too slow), the hub (agent gone, server deleted) — the host's
 * stream is stopped unless the host ended it, and `done` runs once.
 */
export class LogStream {
  private writer: SseWriter<ContainerLogEvent> | undefined;
  private readonly pending: ContainerLogEvent[] = [];
  private pendingBytes = 0;
  private pendingDropped = 0;
  /** The host sent the last batch (or is gone): nothing to stop there. */
  private hostDone = false;
  /** The follower's response is gone (or was never attached and never will be). */
  private closed = false;
  private ending = false;
  /** The host confirmed `docker-logs-start`; a stop before that waits for it (frames keep their order). */
  private started = false;
  private stopWhenStarted = false;

  constructor(
    readonly serverId: string,
    readonly streamId: string,
    readonly userId: string,
    private readonly hooks: LogStreamHooks,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** A `docker-log` batch of this stream. */
  agent(payload: DockerLogPayload): void {
    if (this.closed) return;
    for (const event of logEventsOf(payload)) {
      if (event.type === 'end') {
        this.hostDone = true;
        this.finish(event);
        return;
      }
      this.emit(event);
    }
  }

  /** The hub ends the stream (agent disconnected, server deleted, access revoked, shutdown). */
  end(reason: string, hostGone: boolean): void {
    if (this.closed) return;
    if (hostGone) this.hostDone = true;
    this.finish({ type: 'end', reason });
  }

  /** The host confirmed the start: from now on events go out as Server-Sent Events on `res`. */
  attach(res: Response, options: LogStreamWriterOptions): void {
    if (this.closed) return;
    const writer = new SseWriter<ContainerLogEvent>(res, { ...options, onClose: () => this.close() });
    if (writer.isClosed) return;
    this.writer = writer;
    if (this.pendingDropped > 0) writer.send({ type: 'dropped', bytes: this.pendingDropped });
    for (const event of this.pending.splice(0)) writer.send(event);
    if (this.ending) writer.end();
  }

  /** The follower left before the stream was attached (or its start failed). */
  abandon(): void {
    this.close();
  }

  /** The host answered `docker-logs-start` (or may have started it): a pending stop goes out now. */
  markStarted(): void {
    this.started = true;
    if (!this.stopWhenStarted) return;
    this.stopWhenStarted = false;
    this.hooks.stopOnHost();
  }

  private emit(event: ContainerLogEvent): void {
    if (this.writer) return this.writer.send(event);
    const bytes = entryBytes(event);
    if (event.type === 'dropped') this.pendingDropped += event.bytes;
    else if (this.pendingBytes + bytes > PENDING_MAX_BYTES) this.pendingDropped += bytes;
    else {
      this.pendingBytes += bytes;
      this.pending.push(event);
    }
  }

  private finish(end: ContainerLogEvent): void {
    if (this.ending) return;
    this.ending = true;
    if (this.writer) {
      this.writer.send(end);
      this.writer.end();
    } else this.pending.push(end);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    if (!this.hostDone) {
      this.hostDone = true;
      if (this.started) this.hooks.stopOnHost();
      else this.stopWhenStarted = true;
    }
    this.hooks.done();
  }
}
