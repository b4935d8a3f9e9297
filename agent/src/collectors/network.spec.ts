import { describe, expect, it, jest } from '@jest/globals';
import type { NetworkInterfaceInfo } from 'node:os';
import { elapsedSeconds, fixturePath, fixtureText } from './fixtures.spec-helper.js';
import { counterRateMbps, NetworkCollector, parseNetDev } from './network.js';

function collectorFor(host: string, addresses: NodeJS.Dict<NetworkInterfaceInfo[]> = {}): NetworkCollector {
  return new NetworkCollector({
    sysClassNet: fixturePath(host, 'sys/class/net'),
    vlanConfigPath: fixturePath(host, 'proc/net/vlan/config'),
    readText: (path) => {
      try {
        return fixtureText(path.slice(fixturePath().length));
      } catch {
        return undefined;
      }
    },
    networkInterfaces: () => addresses,
  });
}

describe('parseNetDev', () => {
  it('reads receive (column 1) and transmit (column 9) bytes of a recorded file', () => {
    const counters = parseNetDev(fixtureText('vm-host/proc/net/dev'));
    expect(counters.map((c) => c.name)).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
    const line = fixtureText('vm-host/proc/net/dev')
      .split('\n')
      .find((l) => l.includes('eth0:'))!;
    const fields = line.split(':')[1]!.trim().split(/\s+/);
    expect(counters[3]).toEqual({ name: 'eth0', rxBytes: Number(fields[0]), txBytes: Number(fields[8]) });
  });

  it('handles 303 interfaces and counters glued to the colon', () => {
    expect(parseNetDev(fixtureText('netns-300-interfaces/proc/net/dev'))).toHaveLength(303);
    const glued = 'h1\nh2\n  eth0:4294967296 10 0 0 0 0 0 0 77 3 0 0 0 0 0 0\n';
    expect(parseNetDev(glued)).toEqual([{ name: 'eth0', rxBytes: 4294967296, txBytes: 77 }]);
  });
});

describe('rates', () => {
  it('converts bytes to megabits per second (10^6 bits)', () => {
    expect(counterRateMbps(0, 1_250_000, 1)).toBe(10);
    expect(counterRateMbps(0, 1_250_000, 2)).toBe(5);
  });

  it('measures the recorded datagrams through veth0 (2,000 × 1,200 bytes + headers)', () => {
    const before = parseNetDev(fixtureText('netns-300-interfaces/proc/net/dev')).find(
      (c) => c.name === 'veth0',
    )!;
    const after = parseNetDev(fixtureText('netns-300-interfaces/later/proc/net/dev')).find(
      (c) => c.name === 'veth0',
    )!;
    const elapsed = elapsedSeconds('netns-300-interfaces');
    const expected = ((after.txBytes - before.txBytes) * 8) / 1e6 / elapsed;
    expect(after.txBytes - before.txBytes).toBeGreaterThan(2000 * 1200);
    expect(counterRateMbps(before.txBytes, after.txBytes, elapsed)).toBeCloseTo(expected, 3);
  });

  it('reports 0 for a counter that went down (reset or 32-bit wrap), 0 with no previous value or no time', () => {
    expect(counterRateMbps(4_000_000_000, 1_000, 5)).toBe(0);
    expect(counterRateMbps(undefined, 1_000, 5)).toBe(0);
    expect(counterRateMbps(0, 1_000, 0)).toBe(0);
  });
});

describe('NetworkCollector', () => {
  it('reports rates, counters, MAC and addresses of the selected interfaces between two snapshots', () => {
    const collector = collectorFor('vm-host', {
      eth0: [
        {
          address: '192.0.2.2',
          family: 'IPv4',
          internal: false,
          netmask: '255.255.255.0',
          mac: '',
          cidr: null,
        },
      ],
    });
    const first = collector.update(fixtureText('vm-host/proc/net/dev'), 0, 0);
    expect(first.map((i) => [i.name, i.uploadSpeedMbps, i.downloadSpeedMbps])).toEqual([['eth0', 0, 0]]);
    const elapsed = elapsedSeconds('vm-host');
    const [eth0] = collector.update(fixtureText('vm-host/later/proc/net/dev'), elapsed, 2000);
    const before = parseNetDev(fixtureText('vm-host/proc/net/dev')).find((c) => c.name === 'eth0')!;
    const after = parseNetDev(fixtureText('vm-host/later/proc/net/dev')).find((c) => c.name === 'eth0')!;
    expect(eth0).toEqual({
      name: 'eth0',
      mac: '02:fc:00:00:00:01',
      ipv4: '192.0.2.2',
      ipv6: null,
      uploadSpeedMbps: counterRateMbps(before.txBytes, after.txBytes, elapsed),
      downloadSpeedMbps: counterRateMbps(before.rxBytes, after.rxBytes, elapsed),
      netRxBytes: after.rxBytes,
      netTxBytes: after.txBytes,
    });
    expect(eth0!.uploadSpeedMbps).toBeGreaterThan(0);
  });

  it('gives 0 for the receive side after a counter reset while transmit keeps its rate', () => {
    const collector = collectorFor('vm-host');
    collector.update(fixtureText('vm-host/proc/net/dev'), 0, 0);
    const [eth0] = collector.update(fixtureText('counter-reset/later/proc/net/dev'), 2, 2000);
    expect(eth0!.downloadSpeedMbps).toBe(0);
    expect(eth0!.uploadSpeedMbps).toBeGreaterThan(0);
    expect(eth0!.netRxBytes).toBe(4096);
  });

  it('refreshes addresses once a minute, not per tick', () => {
    const lookup = jest.fn(() => ({}));
    const collector = new NetworkCollector({
      sysClassNet: fixturePath('vm-host/sys/class/net'),
      vlanConfigPath: fixturePath('vm-host/proc/net/vlan/config'),
      readText: () => undefined,
      networkInterfaces: lookup,
    });
    const text = fixtureText('vm-host/proc/net/dev');
    for (let t = 0; t < 60_000; t += 5_000) collector.update(text, 5, t);
    expect(lookup).toHaveBeenCalledTimes(1);
    collector.update(text, 5, 60_000);
    expect(lookup).toHaveBeenCalledTimes(2);
  });
});
