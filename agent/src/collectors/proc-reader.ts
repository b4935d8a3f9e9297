import { closeSync, openSync, readSync, statfsSync } from 'node:fs';

/** statfs() types of the kernel's virtual file systems, whose files can be re-read through one fd. */
const PROC_SUPER_MAGIC = 0x9fa0;
const SYSFS_MAGIC = 0x62656572;

interface HeldFile {
  fd: number;
  /** Clock time of the last read. */
  usedAt: number;
}

/** A held file not read for this long gives its place to a new one (a full set is never churned). */
const IDLE_MS = 120_000;

/**
 * Reads small procfs/sysfs files into one reused buffer. open + readSync + close into a shared
 * buffer costs ~15 µs per file here against ~24 µs for readFileSync (which fstat()s, allocates and
 * concatenates); at ten files per collection that is most of the budget saved.
 *
 * Files on procfs and sysfs are read again every few seconds, so their descriptors stay open and each
 * read is a pread() from offset 0, which makes the kernel produce the content afresh: no path lookup,
 * open or close per sample. A descriptor that fails (the device or interface went away) is closed and
 * the path opened anew, so a vanished file still fails like it did. At most `maxHeld` stay open; once
 * full, a new file takes the place of one not read for two minutes, else it is read and closed as
 * before (a burst of one-off reads, e.g. every interface's MAC address, never pushes out the files
 * read at each sample). Files on other file systems (test fixtures) are never held, as a file
 * replaced by rename would keep being read through the old descriptor.
 */
export class ProcFileReader {
  private buffer: Buffer;
  private readonly held = new Map<string, HeldFile>();
  private readonly kernelFile = new Map<string, boolean>();

  constructor(
    initialSize = 64 * 1024,
    private readonly maxHeld = 32,
    private readonly clock: () => number = Date.now,
  ) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  /** The whole file as latin1 text (procfs is ASCII); throws like fs does when it is missing. */
  read(path: string): string {
    const usedAt = this.clock();
    const held = this.held.get(path);
    if (held) {
      try {
        const text = this.readAll(held.fd, true);
        held.usedAt = usedAt;
        return text;
      } catch {
        this.release(path);
        this.kernelFile.set(path, false); // reopened for each read from now on
      }
    }
    const fd = openSync(path, 'r');
    let keep = false;
    try {
      const text = this.readAll(fd, false);
      keep = this.holdable(path) && this.hold(path, { fd, usedAt });
      return text;
    } finally {
      if (!keep) closeSync(fd);
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

  /** Closes every held descriptor (the reader still works afterwards, opening files again). */
  close(): void {
    for (const path of [...this.held.keys()]) this.release(path);
  }

  /** Reads from the start; `positioned` = pread() at explicit offsets (a held descriptor). */
  private readAll(fd: number, positioned: boolean): string {
    let length = 0;
    for (;;) {
      if (length === this.buffer.length) this.grow();
      const n = readSync(fd, this.buffer, length, this.buffer.length - length, positioned ? length : null);
      if (n === 0) break;
      length += n;
    }
    return this.buffer.toString('latin1', 0, length);
  }

  private holdable(path: string): boolean {
    let kernel = this.kernelFile.get(path);
    if (kernel === undefined) {
      try {
        const type = statfsSync(path).type;
        kernel = type === PROC_SUPER_MAGIC || type === SYSFS_MAGIC;
      } catch {
        kernel = false;
      }
      if (this.kernelFile.size >= 1024) this.kernelFile.clear();
      this.kernelFile.set(path, kernel);
    }
    return kernel;
  }

  /** Holds `file` if there is room, or room can be made; false = the caller closes it. */
  private hold(path: string, file: HeldFile): boolean {
    if (this.held.size >= this.maxHeld) {
      let oldest: string | undefined;
      let oldestAt = Infinity;
      for (const [heldPath, { usedAt }] of this.held)
        if (usedAt < oldestAt) [oldest, oldestAt] = [heldPath, usedAt];
      if (oldest === undefined || file.usedAt - oldestAt < IDLE_MS) return false;
      this.release(oldest);
    }
    this.held.set(path, file);
    return true;
  }

  private release(path: string): void {
    const file = this.held.get(path);
    if (!file) return;
    this.held.delete(path);
    try {
      closeSync(file.fd);
    } catch {
      /* already closed */
    }
  }

  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
    this.buffer.copy(bigger);
    this.buffer = bigger;
  }
}
