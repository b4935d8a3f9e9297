import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads small procfs/sysfs files into one reused buffer. open + readSync + close into a shared
 * buffer costs ~15 µs per file here against ~24 µs for readFileSync (which fstat()s, allocates and
 * concatenates); at ten files per collection that is most of the budget saved.
 */
export class ProcFileReader {
  private buffer: Buffer;

  constructor(initialSize = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  /** The whole file as latin1 text (procfs is ASCII); throws like fs does when it is missing. */
  read(path: string): string {
    const fd = openSync(path, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) this.grow();
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) break;
        length += n;
      }
      return this.buffer.toString('latin1', 0, length);
    } finally {
      closeSync(fd);
    }
  }

  /** Like read(), but undefined instead of an error (for files some hosts lack). */
  tryRead(path: string): string | undefined {
    try {
      return this.read(path);
    } catch {
      return undefined;
    }
  }

  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
    this.buffer.copy(bigger);
    this.buffer = bigger;
  }
}
