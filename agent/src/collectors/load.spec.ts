import { availableParallelism } from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { fixtureText } from './fixtures.spec-helper.js';
import { countCpuList, countOnlineCpus, normalizeLoad, parseLoadavg } from './load.js';

describe('load', () => {
  it('parses a recorded /proc/loadavg', () => {
    const load = parseLoadavg(fixtureText('vm-host/proc/loadavg'));
    const [l1, l5, l15, threads] = fixtureText('vm-host/proc/loadavg').split(' ');
    expect(load).toEqual({
      load1: Number(l1),
      load5: Number(l5),
      load15: Number(l15),
      threads: Number(threads!.split('/')[1]),
    });
  });

  it('divides by the logical CPU count', () => {
    const load = parseLoadavg('1.00 0.50 0.25 1/141 15261\n');
    expect(normalizeLoad(load, 4)).toEqual({ '1m': 0.25, '5m': 0.125, '15m': 0.063 });
    expect(normalizeLoad(load, 0)['1m']).toBe(1);
  });

  it('counts CPU lists from sysfs', () => {
    expect(countCpuList(fixtureText('vm-host/sys/devices/system/cpu/online'))).toBe(2);
    expect(countCpuList(fixtureText('server-bond-vlan/sys/devices/system/cpu/online'))).toBe(16);
    expect(countCpuList('0\n')).toBe(1);
    expect(countOnlineCpus(undefined)).toBe(availableParallelism());
    expect(countOnlineCpus('garbage')).toBe(availableParallelism());
  });
});
