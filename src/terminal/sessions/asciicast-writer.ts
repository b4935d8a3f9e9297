import { open, type FileHandle } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import type { TerminalRecordingSink } from './terminal-recording-sink.js';

/** One recording at most this large; then a final marker event and no more output. */
export const RECORDING_CAP_BYTES = 64 * 1024 * 1024;
/** Room kept under the cap for the final marker line. */
const MARKER_RESERVE = 256;

export interface AsciicastHeader {
  width: number;
  height: number;
  /** Unix seconds when the session started. */
  timestamp: number;
  title: string;
}

export interface RecordingResult {
  bytes: number;
  /** The cap was reached: the file ends with a marker event and lacks later output. */
  truncated: boolean;
  /** Writing failed (disk full, …): the file is incomplete. */
  failed: boolean;
}

/**
 * An asciicast v2 file being written (https://docs.asciinema.org/manual/asciicast/v2/): a header
 * line, then `[t, "o", text]` for output and `[t, "r", "COLSxROWS"]` for resizes. Calls never wait
 * on the disk: lines are queued and appended by one write at a time, so the relay is never blocked;
 * the cap bounds both the file and the queue. A UTF-8 character split across chunks is held by a
 * StringDecoder until its last byte arrives.
 */
export class AsciicastWriter implements TerminalRecordingSink {
  private readonly decoder = new StringDecoder('utf8');
  private readonly started = performance.now();
  private queue: string[] = [];
  private bytes = 0;
  private truncated = false;
  private failed = false;
  private closed = false;
  private writing: Promise<void> | null = null;

  private constructor(
    private readonly handle: FileHandle,
    private readonly cap: number,
  ) {}

  /** Creates the file (it must not exist yet) with mode 0600 and queues the header. */
  static async create(
    file: string,
    header: AsciicastHeader,
    cap = RECORDING_CAP_BYTES,
  ): Promise<AsciicastWriter> {
    const handle = await open(file, 'wx', 0o600);
    const writer = new AsciicastWriter(handle, cap);
    writer.push(JSON.stringify({ version: 2, ...header }));
    return writer;
  }

  output(data: Buffer): void {
    if (this.closed || this.truncated) return;
    const text = this.decoder.write(data);
    if (text.length > 0) this.event('o', text);
  }

  resize(cols: number, rows: number): void {
    if (this.closed || this.truncated) return;
    this.event('r', `${cols}x${rows}`);
  }

  /** Flushes what is queued (and a dangling partial character) and closes the file. */
  async close(): Promise<RecordingResult> {
    if (!this.closed) {
      if (!this.truncated) {
        const rest = this.decoder.end();
        if (rest.length > 0) this.event('o', rest);
      }
      this.closed = true;
      await this.drain();
      await this.handle.close().catch(() => undefined);
    }
    return { bytes: this.bytes, truncated: this.truncated, failed: this.failed };
  }

  private event(code: 'o' | 'r', text: string): void {
    const t = Math.round(performance.now() - this.started) / 1000;
    const line = JSON.stringify([t, code, text]);
    if (this.bytes + Buffer.byteLength(line) + 1 > this.cap - MARKER_RESERVE) {
      this.truncated = true;
      this.push(JSON.stringify([t, 'm', `recording stopped: ${this.cap} byte limit reached`]));
      return;
    }
    this.push(line);
  }

  private push(line: string): void {
    if (this.failed) return;
    const text = line + '\n';
    this.bytes += Buffer.byteLength(text);
    this.queue.push(text);
    this.writing ??= this.flush();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.failed) {
        const chunk = this.queue.join('');
        this.queue = [];
        await this.handle.write(chunk);
      }
    } catch {
      this.failed = true;
      this.queue = [];
    } finally {
      this.writing = null;
    }
  }

  private async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }
}
