import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseLoadavg } from './load.js';
import { countNumericNames, countProcesses, ProcessCounter } from './processes.js';

describe('process count', () => {
  it('counts only numeric /proc entries', () => {
    expect(countNumericNames(['1', '42', 'self', 'thread-self', 'net', '4242', 'sys'])).toBe(3);
    const dir = mkdtempSync(join(tmpdir(), 'hivewatch-proc-'));
    for (const name of ['1', '77', 'self', 'meminfo']) mkdirSync(join(dir, name));
    expect(countProcesses(dir)).toBe(2);
  });

  it('counts processes on this host, fewer than the threads /proc/loadavg reports', () => {
    const processes = countProcesses('/proc');
    const { threads } = parseLoadavg(readFileSync('/proc/loadavg', 'latin1'));
    expect(processes).toBeGreaterThan(0);
    // This Jest worker alone runs several threads, so loadavg's count is always the larger one.
    expect(threads).toBeGreaterThan(processes);
  });

  it('lists /proc again only when the task total or the last PID in /proc/loadavg moved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hivewatch-proc-'));
    try {
      const loadavg = (text: string): void => writeFileSync(join(dir, 'loadavg'), text);
      const read = (path: string): string | undefined => readFileSync(path, 'latin1');
      for (const name of ['1', '77']) mkdirSync(join(dir, name));
      loadavg('0.10 0.20 0.30 1/141 15261\n');
      const counter = new ProcessCounter(dir, read);
      expect(counter.count()).toBe(2);
      mkdirSync(join(dir, '80'));
      expect(counter.count()).toBe(2); // same total, same last PID: nothing came or went
      loadavg('0.10 0.20 0.30 2/142 15262\n'); // a task started
      expect(counter.count()).toBe(3);
      rmSync(join(dir, '77'), { recursive: true });
      loadavg('0.10 0.20 0.30 1/141 15262\n'); // one ended
      expect(counter.count()).toBe(2);
      rmSync(join(dir, 'loadavg'));
      mkdirSync(join(dir, '90'));
      expect(new ProcessCounter(dir, () => undefined).count()).toBe(3); // no loadavg: always lists
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts as a full listing does on this host', () => {
    const counter = new ProcessCounter('/proc', (path) => readFileSync(path, 'latin1'));
    expect(Math.abs(counter.count() - countProcesses('/proc'))).toBeLessThanOrEqual(2);
  });
});
