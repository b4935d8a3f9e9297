import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseLoadavg } from './load.js';
import { countNumericNames, countProcesses } from './processes.js';

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
});
