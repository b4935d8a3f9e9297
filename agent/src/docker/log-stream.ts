import {
  DOCKER_LOG_BATCH_MAX,
  DOCKER_LOG_BYTES_PER_SECOND,
  DOCKER_LOG_LINE_MAX_BYTES,
  type DockerLogEntry,
  type DockerLogPayload,
} from '@hivewatch/protocol';
import { engineMessage } from './engine-values.js';
import { LineSplitter, LogDemuxer, splitTimestamp, type LogStreamName } from './log-demux.js';

export interface LogStreamOptions {
  streamId: string;
  /** The container has a TTY: the engine sends raw bytes (all of it is stdout), not frames. */
  tty: boolean;
  follow: boolean;
  send(payload: DockerLogPayload): void;
  /** Called once when the stream is over, whatever ended it. */
  onEnd(): void;
  batchMs?: number;
  bytesPerSecond?: number;
  now?: () => number;
}

/** Room for the engine's timestamp ("2024-01-01T00:00:00.123456789+00:00 ") before a line is cut. */
const TIMESTAMP_ROOM = 64;

/**
 * One `docker-logs-start` stream: demultiplexes the engine's log stream into stdout/stderr lines,
 * caps each line at DOCKER_LOG_LINE_MAX_BYTES and the stream at DOCKER_LOG_BYTES_PER_SECOND (the rest
 * is counted in `droppedBytes`), and sends `docker-log` batches every `batchMs` or
 * DOCKER_LOG_BATCH_MAX lines. The last batch says `ended` with a reason.
 */
export class DockerLogStream {
  private readonly demux = new LogDemuxer();
  private readonly splitters: Record<LogStreamName, LineSplitter>;
  private entries: DockerLogEntry[] = [];
  private dropped = 0;
  private windowStart = 0;
  private windowBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private source: NodeJS.ReadableStream | undefined;
  private done = false;
  private readonly now: () => number;

  constructor(private readonly options: LogStreamOptions) {
    const max = DOCKER_LOG_LINE_MAX_BYTES + TIMESTAMP_ROOM;
    this.splitters = { stdout: new LineSplitter(max), stderr: new LineSplitter(max) };
    this.now = options.now ?? Date.now;
  }

  get ended(): boolean {
    return this.done;
  }

  /** Feeds the engine's answer: a stream (follow) or the whole log at once. */
  attach(source: NodeJS.ReadableStream | Buffer): void {
    if (this.done) {
      if (!Buffer.isBuffer(source)) destroy(source);
      return;
    }
    if (Buffer.isBuffer(source)) {
      this.data(source);
      this.finish('end of the log');
      return;
    }
    this.source = source;
    source.on('data', (chunk: Buffer | string) =>
      this.data(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)),
    );
    source.on('end', () => this.finish(this.options.follow ? 'the container stopped' : 'end of the log'));
    source.on('close', () => this.finish(this.options.follow ? 'the container stopped' : 'end of the log'));
    source.on('error', (error: unknown) => this.finish(engineMessage(error)));
  }

  /** Ends the stream: `reason` goes out in a last batch unless `silent` (the hub's link is gone). */
  stop(reason: string, silent = false): void {
    if (this.done) return;
    if (silent) {
      this.done = true;
      this.clearTimer();
      this.release();
      this.options.onEnd();
      return;
    }
    this.finish(reason);
  }

  private data(chunk: Buffer): void {
    if (this.done) return;
    const parts = this.options.tty ? [{ stream: 'stdout' as const, data: chunk }] : this.demux.push(chunk);
    for (const { stream, data } of parts)
      for (const { text, truncated } of this.splitters[stream].push(data)) this.line(stream, text, truncated);
  }

  private line(stream: LogStreamName, text: Buffer, cut: boolean): void {
    const { at, line } = splitTimestamp(text.toString('utf8'));
    const bytes = Buffer.byteLength(line);
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowBytes = 0;
    }
    const cap = this.options.bytesPerSecond ?? DOCKER_LOG_BYTES_PER_SECOND;
    if (this.windowBytes + bytes > cap) {
      this.dropped += bytes;
      return;
    }
    this.windowBytes += bytes;
    const tooLong = bytes > DOCKER_LOG_LINE_MAX_BYTES;
    const entry: DockerLogEntry = {
      stream,
      line: tooLong ? Buffer.from(line).subarray(0, DOCKER_LOG_LINE_MAX_BYTES).toString('utf8') : line,
      at,
    };
    if (cut || tooLong) entry.truncated = true;
    this.entries.push(entry);
    if (this.entries.length >= DOCKER_LOG_BATCH_MAX) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.batchMs ?? 100);
  }

  private flush(ended?: string): void {
    this.clearTimer();
    if (this.entries.length === 0 && this.dropped === 0 && ended === undefined) return;
    const payload: DockerLogPayload = { streamId: this.options.streamId, entries: this.entries };
    if (this.dropped > 0) payload.droppedBytes = this.dropped;
    if (ended !== undefined) {
      payload.ended = true;
      payload.reason = ended;
    }
    this.entries = [];
    this.dropped = 0;
    this.options.send(payload);
  }

  private finish(reason: string): void {
    if (this.done) return;
    for (const stream of ['stdout', 'stderr'] as const)
      for (const { text, truncated } of this.splitters[stream].flush()) this.line(stream, text, truncated);
    this.done = true;
    this.flush(reason);
    this.release();
    this.options.onEnd();
  }

  private release(): void {
    const source = this.source;
    this.source = undefined;
    if (source) destroy(source);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function destroy(stream: NodeJS.ReadableStream): void {
  (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}
