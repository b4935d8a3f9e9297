import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** One sample waiting for the hub's acknowledgement. `json` is the metrics payload, `seq` included. */
export interface OutboxEntry {
  seq: number;
  timestamp: number;
  json: string;
}

/** The agent id an outbox was written under; null while the agent has not enrolled yet. */
export type OutboxOwner = string | null;

/** Samples found in the file that were recorded under another identity (moved aside, never sent). */
export interface ForeignOutbox {
  /** The owner the file records; undefined when it has no (readable) owner line. */
  recordedOwner: OutboxOwner | undefined;
  samples: number;
  movedTo: string;
}

/**
 * The outbox on disk: an owner line (`{"outbox":2,"agentId":…}`), then one JSON line per sample,
 * appended as samples are taken, and rewritten with only the pending ones once enough of the file is
 * acknowledged. A torn last line (power loss) is skipped. A file whose owner line is missing or names
 * another agent is never replayed: `load()` moves it aside to `<path>.foreign` and reports it.
 * Samples are appended through one descriptor opened in append mode and kept until the file is
 * rewritten (no open and close per sample).
 */
export class OutboxFile {
  private lines = 0;
  private headerWritten = false;
  private appendFd: number | undefined;

  constructor(
    readonly path: string,
    private ownerValue: OutboxOwner,
  ) {}

  get owner(): OutboxOwner {
    return this.ownerValue;
  }

  /** Lines in the file (pending and already-acknowledged ones; the owner line not counted). */
  get lineCount(): number {
    return this.lines;
  }

  /** This process's samples from the file, and what was set aside as another identity's. */
  load(): { entries: OutboxEntry[]; foreign?: ForeignOutbox } {
    this.close();
    this.lines = 0;
    this.headerWritten = false;
    if (!existsSync(this.path)) return { entries: [] };
    const lines = readFileSync(this.path, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const recordedOwner = lines.length > 0 ? OutboxFile.parseHeader(lines[0]!) : undefined;
    const body = recordedOwner === undefined ? lines : lines.slice(1);
    const entries: OutboxEntry[] = [];
    for (const line of body) {
      const entry = OutboxFile.parse(line);
      if (entry) entries.push(entry);
    }
    if (recordedOwner !== undefined && recordedOwner === this.ownerValue) {
      this.lines = body.length;
      this.headerWritten = true;
      return { entries };
    }
    if (entries.length === 0) {
      unlinkSync(this.path); // nothing of anyone's to keep; the next append starts it under our name
      return { entries: [] };
    }
    const movedTo = `${this.path}.foreign`;
    renameSync(this.path, movedTo);
    return { entries: [], foreign: { recordedOwner, samples: entries.length, movedTo } };
  }

  /** The agent enrolled: later writes record `owner` (the caller rewrites the file). */
  claim(owner: string): void {
    this.ownerValue = owner;
  }

  append(entry: OutboxEntry): void {
    const line = `${OutboxFile.format(entry)}\n`;
    if (this.headerWritten) {
      this.appendFd ??= openSync(this.path, 'a', 0o600);
      const bytes = Buffer.from(line, 'utf8');
      for (let written = 0; written < bytes.length;)
        written += writeSync(this.appendFd, bytes, written, bytes.length - written);
    } else {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      writeFileSync(this.path, `${this.header()}${line}`, { mode: 0o600 });
      this.headerWritten = true;
    }
    this.lines++;
  }

  rewrite(entries: readonly OutboxEntry[]): void {
    this.close();
    const temporary = `${this.path}.${process.pid}.tmp`;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const text = this.header() + entries.map((e) => `${OutboxFile.format(e)}\n`).join('');
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, this.path);
    this.lines = entries.length;
    this.headerWritten = true;
  }

  /** Closes the append descriptor (the next append opens the file again). */
  close(): void {
    if (this.appendFd === undefined) return;
    const fd = this.appendFd;
    this.appendFd = undefined;
    closeSync(fd);
  }

  private header(): string {
    return `${JSON.stringify({ outbox: 2, agentId: this.ownerValue })}\n`;
  }

  private static parseHeader(line: string): OutboxOwner | undefined {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null) return undefined;
      const { outbox, agentId } = value as Record<string, unknown>;
      if (outbox !== 2) return undefined;
      return typeof agentId === 'string' || agentId === null ? agentId : undefined;
    } catch {
      return undefined;
    }
  }

  private static format(entry: OutboxEntry): string {
    return `{"seq":${entry.seq},"timestamp":${entry.timestamp},"payload":${entry.json}}`;
  }

  private static parse(line: string): OutboxEntry | undefined {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null) return undefined;
      const { seq, timestamp, payload } = value as Record<string, unknown>;
      if (typeof seq !== 'number' || typeof timestamp !== 'number' || typeof payload !== 'object')
        return undefined;
      return { seq, timestamp, json: JSON.stringify(payload) };
    } catch {
      return undefined;
    }
  }
}
