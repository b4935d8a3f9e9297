import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ProcFileReader } from './proc-reader.js';

const openFds = (): string[] => fs.readdirSync('/proc/self/fd');
const heldTargets = (): string[] =>
  openFds().flatMap((fd) => {
    try {
      return [fs.readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });

describe('ProcFileReader', () => {
  it('keeps a procfs file open and still reads fresh content each time', async () => {
    const reader = new ProcFileReader();
    const first = reader.read('/proc/self/stat');
    expect(heldTargets()).toContain(`/proc/${process.pid}/stat`);
    const fdsAfterFirst = openFds().length;
    let busy = 0;
    for (let i = 0; i < 2e6; i++) busy += i; // burn CPU so that utime moves on
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = reader.read('/proc/self/stat');
    expect(openFds().length).toBe(fdsAfterFirst); // the same descriptor, no new one
    expect(second.split(' ')[0]).toBe(String(process.pid));
    expect(second).not.toBe(first);
    expect(busy).toBeGreaterThan(0);
    reader.close();
    expect(heldTargets()).not.toContain(`/proc/${process.pid}/stat`);
  });

  it('reads files of other file systems afresh (a file replaced by rename shows its new content)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-reader-'));
    try {
      const file = path.join(dir, 'stat');
      fs.writeFileSync(file, 'one\n');
      const reader = new ProcFileReader();
      expect(reader.read(file)).toBe('one\n');
      expect(heldTargets()).not.toContain(file);
      fs.writeFileSync(`${file}.new`, 'two\n');
      fs.renameSync(`${file}.new`, file);
      expect(reader.read(file)).toBe('two\n');
      fs.rmSync(file);
      expect(() => reader.read(file)).toThrow(/ENOENT/);
      expect(reader.tryRead(file)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds at most maxHeld descriptors; a new file replaces only one idle for two minutes', () => {
    let now = 0;
    const reader = new ProcFileReader(1024, 2, () => now);
    const before = openFds().length;
    reader.read('/proc/self/status');
    reader.read('/proc/uptime');
    reader.read('/proc/loadavg'); // full, nothing idle: read and closed again
    expect(openFds().length).toBe(before + 2);
    expect(heldTargets()).not.toContain('/proc/loadavg');
    now = 100_000;
    reader.read('/proc/self/status');
    now = 130_000;
    reader.read('/proc/loadavg'); // /proc/uptime was last read 130 s ago: it gives way
    expect(openFds().length).toBe(before + 2);
    const targets = heldTargets();
    expect(targets).toContain('/proc/loadavg');
    expect(targets).not.toContain('/proc/uptime');
    // files larger than the buffer are still read whole through a held descriptor
    expect(reader.read('/proc/self/status')).toContain('VmRSS:');
    reader.close();
    expect(openFds().length).toBe(before);
  });
});
