import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One sample waiting for the hub's acknowledgement. `json` is the metrics payload, `seq` included. */
export interface OutboxEntry {
  seq: number;
  timestamp: number;
  json: string;
}

/**
 * The outbox on disk: one JSON line per sample, appended as samples are taken, and rewritten with only
 * the pending ones once enough of the file is acknowledged. A torn last line (power loss) is skipped.
 */
export class OutboxFile {
  private lines = 0;

  constructor(readonly path: string) {}

  /** Lines in the file (pending and already-acknowledged ones). */
  get lineCount(): number {
    return this.lines;
  }

  load(): OutboxEntry[] {
    if (!existsSync(this.path)) return [];
    const entries: OutboxEntry[] = [];
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (line === '') continue;
      this.lines++;
      const entry = OutboxFile.parse(line);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  append(entry: OutboxEntry): void {
    if (this.lines === 0) mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    appendFileSync(this.path, `${OutboxFile.format(entry)}\n`, { mode: 0o600 });
    this.lines++;
  }

  rewrite(entries: readonly OutboxEntry[]): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, entries.map((e) => `${OutboxFile.format(e)}\n`).join(''), { mode: 0o600 });
    renameSync(temporary, this.path);
    this.lines = entries.length;
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
