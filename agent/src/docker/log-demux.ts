export type LogStreamName = 'stdout' | 'stderr';

export interface LogChunk {
  stream: LogStreamName;
  data: Buffer;
}

const HEADER_BYTES = 8;

/**
 * The Engine API's multiplexed log stream (containers without a TTY): frames of an 8-byte header
 * `[stream, 0, 0, 0, size (uint32 big-endian)]` and `size` bytes. Stream 1 is stdout, 2 stderr (0,
 * stdin, is read as stdout). Frames may arrive split across chunks or several in one chunk.
 */
export class LogDemuxer {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): LogChunk[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const out: LogChunk[] = [];
    let offset = 0;
    while (this.buffered.length - offset >= HEADER_BYTES) {
      const type = this.buffered[offset];
      const size = this.buffered.readUInt32BE(offset + 4);
      if (this.buffered.length - offset - HEADER_BYTES < size) break;
      const start = offset + HEADER_BYTES;
      out.push({
        stream: type === 2 ? 'stderr' : 'stdout',
        data: this.buffered.subarray(start, start + size),
      });
      offset = start + size;
    }
    this.buffered = offset === 0 ? this.buffered : Buffer.from(this.buffered.subarray(offset));
    return out;
  }

  /** Bytes of an incomplete frame held back (for tests). */
  get pending(): number {
    return this.buffered.length;
  }
}

export interface SplitLine {
  text: Buffer;
  truncated: boolean;
}

/**
 * Cuts one stream's bytes into lines (without `\n` or `\r\n`). A line longer than `maxBytes` is
 * emitted cut at `maxBytes` and marked; its rest is skipped up to the next newline.
 */
export class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private skipping = false;

  constructor(private readonly maxBytes: number) {}

  push(data: Buffer): SplitLine[] {
    const lines: SplitLine[] = [];
    let start = 0;
    for (;;) {
      const newline = data.indexOf(0x0a, start);
      const end = newline === -1 ? data.length : newline;
      this.take(data.subarray(start, end), lines);
      if (newline === -1) break;
      if (!this.skipping) lines.push(this.line(false));
      this.skipping = false;
      start = newline + 1;
    }
    return lines;
  }

  /** The last line when the stream ends without a newline. */
  flush(): SplitLine[] {
    if (this.partialBytes === 0 || this.skipping) return [];
    return [this.line(false)];
  }

  private take(piece: Buffer, lines: SplitLine[]): void {
    if (this.skipping || piece.length === 0) return;
    const room = this.maxBytes - this.partialBytes;
    if (piece.length <= room) {
      this.partial.push(piece);
      this.partialBytes += piece.length;
      return;
    }
    this.partial.push(piece.subarray(0, room));
    this.partialBytes += room;
    lines.push(this.line(true));
    this.skipping = true;
  }

  private line(truncated: boolean): SplitLine {
    let text = this.partial.length === 1 ? (this.partial[0] as Buffer) : Buffer.concat(this.partial);
    this.partial = [];
    this.partialBytes = 0;
    if (!truncated && text.length > 0 && text[text.length - 1] === 0x0d) text = text.subarray(0, -1);
    return { text, truncated };
  }
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d) /;

/** Splits the engine's `timestamps=true` prefix ("2024-01-01T00:00:00.123456789Z ") off a line. */
export function splitTimestamp(line: string): { at: number | null; line: string } {
  const match = TIMESTAMP.exec(line);
  if (!match) return { at: null, line };
  const fraction = (match[2] ?? '').slice(0, 4);
  const at = Date.parse(`${match[1]}${fraction}${match[3]}`);
  return { at: Number.isFinite(at) ? at : null, line: line.slice(match[0].length) };
}
