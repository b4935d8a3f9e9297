import { describe, expect, it } from '@jest/globals';
import { cpuPercent, parseProcStat, perCorePercent } from './cpu.js';
import { fixtureText } from './fixtures.spec-helper.js';

describe('parseProcStat', () => {
  it('reads the aggregate and per-core lines of a recorded /proc/stat', () => {
    // cpu  30585 0 7445 1345566 542 0 540 164 0 0 (recorded first line; columns 4-5 are idle+iowait)
    const stat = parseProcStat(fixtureText('vm-host/proc/stat'));
    expect(stat.cores).toHaveLength(2);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fixtureText('vm-host/proc/stat')
      .split('\n')[0]!
      .split(/\s+/)
      .slice(1, 9)
      .map(Number) as [number, number, number, number, number, number, number, number];
    expect(stat.all.total).toBe(user + nice + system + idle + iowait + irq + softirq + steal);
    expect(stat.all.busy).toBe(user + nice + system + irq + softirq + steal);
  });

  it('leaves guest time out of the total (the kernel already counts it in user)', () => {
    const stat = parseProcStat('cpu  100 0 0 900 0 0 0 0 50 0\n');
    expect(stat.all).toEqual({ busy: 100, total: 1000 });
  });

  it('keeps CPU numbers when a core is offline', () => {
    const stat = parseProcStat(
      'cpu  2 0 0 8 0 0 0 0 0 0\ncpu0 1 0 0 4 0 0 0 0 0 0\ncpu2 1 0 0 4 0 0 0 0 0 0\nintr 1\n',
    );
    expect(stat.cores[0]).toEqual({ busy: 1, total: 5 });
    expect(stat.cores[1]).toBeUndefined();
    expect(stat.cores[2]).toEqual({ busy: 1, total: 5 });
  });
});

describe('cpuPercent', () => {
  it('computes usage between the two recorded snapshots', () => {
    const before = parseProcStat(fixtureText('vm-host/proc/stat'));
    const after = parseProcStat(fixtureText('vm-host/later/proc/stat'));
    const expected = ((after.all.busy - before.all.busy) / (after.all.total - before.all.total)) * 100;
    expect(cpuPercent(before.all, after.all)).toBeCloseTo(expected, 2);
    expect(cpuPercent(before.all, after.all)).toBeGreaterThan(0);
    expect(perCorePercent(before, after)).toHaveLength(2);
  });

  it('is 0, not NaN, when no time passed, and stays within 0–100 when iowait goes backwards', () => {
    const ticks = { busy: 10, total: 100 };
    expect(cpuPercent(ticks, ticks)).toBe(0);
    expect(cpuPercent({ busy: 10, total: 100 }, { busy: 25, total: 110 })).toBe(100);
    expect(cpuPercent({ busy: 10, total: 100 }, { busy: 5, total: 110 })).toBe(0);
  });

  it('reports 0 for a core that appeared between readings', () => {
    const before = parseProcStat('cpu  1 0 0 1 0 0 0 0 0 0\ncpu0 1 0 0 1 0 0 0 0 0 0\n');
    const after = parseProcStat(
      'cpu  3 0 0 3 0 0 0 0 0 0\ncpu0 2 0 0 2 0 0 0 0 0 0\ncpu1 1 0 0 1 0 0 0 0 0 0\n',
    );
    expect(perCorePercent(before, after)).toEqual([50, 0]);
  });
});
