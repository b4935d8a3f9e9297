import { describe, expect, it } from '@jest/globals';
import { fixtureText } from './fixtures.spec-helper.js';
import { memoryMetrics, parseMeminfo } from './memory.js';

describe('memory', () => {
  it('parses a recorded /proc/meminfo of a host without swap', () => {
    const info = parseMeminfo(fixtureText('vm-host/proc/meminfo'));
    expect(info.memTotalKiB).toBe(24683656);
    expect(info.memAvailableKiB).toBeGreaterThan(0);
    expect(info.swapTotalKiB).toBe(0);
    const metrics = memoryMetrics(info);
    expect(metrics.swapUsagePercent).toBe(0);
    expect(metrics.ramTotalGB).toBe(23.54); // 24683656 KiB / 1024^2
    const usedKiB = info.memTotalKiB - info.memAvailableKiB;
    expect(metrics.ramUsedGB).toBeCloseTo(usedKiB / 1024 ** 2, 2);
    expect(metrics.ramUsagePercent).toBeCloseTo((usedKiB / info.memTotalKiB) * 100, 2);
  });

  it('reports swap in use', () => {
    const metrics = memoryMetrics(parseMeminfo(fixtureText('with-swap/proc/meminfo')));
    expect(metrics.swapUsagePercent).toBe(25);
  });

  it('never returns NaN on an empty or truncated file', () => {
    expect(memoryMetrics(parseMeminfo(''))).toEqual({
      ramUsagePercent: 0,
      ramUsedGB: 0,
      ramTotalGB: 0,
      swapUsagePercent: 0,
    });
  });
});
