import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import type { GpuSource, MetricsCollectorOptions, MetricsPart } from './collector.js';
import { MetricsCollector } from './collector.js';
import { cpuPercent, parseProcStat } from './cpu.js';
import type { FsSpace } from './disks.js';
import { copyFixture, elapsedSeconds, fixturePath, fixtureText } from './fixtures.spec-helper.js';
import type { GpuMetrics } from './types.js';

const GIB_SPACE: FsSpace = { bsize: 4096, blocks: 262144, bfree: 131072, bavail: 131072 }; // 1 GiB, half used

/** A clock the test moves by hand (nanoseconds). */
function manualClock(): { clock: () => bigint; advance: (seconds: number) => void } {
  let now = 1_000_000_000_000n;
  return { clock: () => now, advance: (seconds) => (now += BigInt(Math.round(seconds * 1e9))) };
}

function collectorOn(root: string, options: MetricsCollectorOptions = {}): MetricsCollector {
  return new MetricsCollector({
    procRoot: join(root, 'proc'),
    sysRoot: join(root, 'sys'),
    statfsSync: () => GIB_SPACE,
    networkInterfaces: () => ({}),
    gpu: false,
    ...options,
  });
}

/** Copies a fixture's second snapshot over the first one. */
function advanceToLater(root: string, laterOf = root): void {
  cpSync(join(laterOf, 'later', 'proc'), join(root, 'proc'), { recursive: true });
}

describe('MetricsCollector on the recorded VM', () => {
  it('primes the counters so the first sample has real rates over the recorded interval', () => {
    const root = copyFixture('vm-host');
    const { clock, advance } = manualClock();
    const collector = collectorOn(root, { clock });
    collector.prime();
    advanceToLater(root);
    advance(elapsedSeconds('vm-host'));
    const sample = collector.collect();

    const before = parseProcStat(fixtureText('vm-host/proc/stat'));
    const after = parseProcStat(fixtureText('vm-host/later/proc/stat'));
    expect(sample.cpuUsagePercent).toBe(cpuPercent(before.all, after.all));
    expect(sample.cpuUsagePercent).toBeGreaterThan(0);
    expect(sample.cpuPerCorePercent).toHaveLength(2);
    expect(sample.diskWriteSpeedMBps).toBeGreaterThan(15); // 32 MiB in ~2.1 s
    expect(sample.networkInterfaces.map((i) => i.name)).toEqual(['eth0']);
    expect(sample.networkInterfaces[0]!.uploadSpeedMbps).toBeGreaterThan(0);
    expect(sample.normalizedLoad['1m']).toBeCloseTo(
      Number(fixtureText('vm-host/proc/loadavg').split(' ')[0]) / 2,
      3,
    );
    expect(sample.uptimeSeconds).toBe(Math.floor(Number(fixtureText('vm-host/proc/uptime').split(' ')[0])));
    expect(sample.ramTotalGB).toBe(23.54);
    expect(sample.swapUsagePercent).toBe(0);
    expect(sample.diskUsage).toEqual([
      { device: '/dev/vda', mountpoint: '/', fstype: 'ext4', totalGB: 1, usedGB: 0.5, usagePercent: 50 },
    ]);
    expect(sample.tcpConnections).toBeGreaterThan(0);
    expect(sample.udpConnections).toBe(0);
    expect(sample.processCount).toBe(0); // a fixture /proc has no PID folders
    expect(sample).not.toHaveProperty('cpuTemperatureC');
    expect(sample).not.toHaveProperty('gpus');
    rmSync(root, { recursive: true });
  });

  it('without prime(), the first sample carries zero rates instead of garbage', () => {
    const collector = collectorOn(fixturePath('vm-host'), { clock: manualClock().clock });
    const sample = collector.collect();
    expect(sample.cpuUsagePercent).toBe(0);
    expect(sample.diskReadSpeedMBps).toBe(0);
    expect(sample.networkInterfaces[0]!.downloadSpeedMbps).toBe(0);
  });

  it('counts PID folders as processes', () => {
    const root = copyFixture('vm-host');
    for (const pid of ['1', '42', '4242']) mkdirSync(join(root, 'proc', pid));
    expect(collectorOn(root).collect().processCount).toBe(3);
    expect(collectorOn(root, { processCount: false }).collect()).not.toHaveProperty('processCount');
    rmSync(root, { recursive: true });
  });

  it('survives counters that restart between samples', () => {
    const root = copyFixture('vm-host');
    const { clock, advance } = manualClock();
    const collector = collectorOn(root, { clock });
    collector.prime();
    advanceToLater(root, fixturePath('counter-reset'));
    advance(2);
    const sample = collector.collect();
    expect(sample.diskReadSpeedMBps).toBe(0);
    expect(sample.diskWriteSpeedMBps).toBe(0);
    expect(sample.networkInterfaces[0]!.downloadSpeedMbps).toBe(0);
    rmSync(root, { recursive: true });
  });
});

describe('MetricsCollector on odd hosts', () => {
  it('in a container: overlay root, the veth eth0, IPv4 sockets only', () => {
    const sample = collectorOn(fixturePath('container')).collect();
    expect(sample.diskUsage.map((d) => `${d.fstype} ${d.mountpoint}`)).toEqual(['overlay /', 'ext4 /data']);
    expect(sample.networkInterfaces.map((i) => i.name)).toEqual(['eth0']);
    expect(sample.tcpConnections).toBe(
      Number(/^TCP: inuse (\d+)/m.exec(fixtureText('container/proc/net/sockstat'))![1]),
    );
  });

  it('with hundreds of interfaces reports only the bridge', () => {
    const sample = collectorOn(fixturePath('netns-300-interfaces')).collect();
    expect(sample.networkInterfaces.map((i) => i.name)).toEqual(['br0']);
  });

  it('on a server: 16 CPUs for load, bonded/VLAN/bridged interfaces, whole-disk I/O', () => {
    const collector = collectorOn(fixturePath('server-bond-vlan'));
    expect(collector.cpuCount).toBe(16);
    const sample = collector.collect();
    expect(sample.networkInterfaces.map((i) => i.name)).toEqual([
      'eno1',
      'eno2',
      'enp65s0f0',
      'bond0',
      'bond0.100',
      'br0',
      'docker0',
    ]);
    expect(sample.networkInterfaces.find((i) => i.name === 'bond0.100')!.netRxBytes).toBe(73553718913);
  });

  it('reports the CPU temperature where a sensor exists', () => {
    const collector = collectorOn(fixturePath('vm-host'), { sysRoot: fixturePath('sensors-intel/sys') });
    expect(collector.collect().cpuTemperatureC).toBe(58.5);
  });

  it('attaches the GPU poller’s latest answer and starts it on prime()', () => {
    const gpus: GpuMetrics[] = [
      {
        index: 0,
        name: 'T4',
        utilizationPercent: 3,
        memoryUsedMB: 100,
        memoryTotalMB: 15360,
        temperatureC: 40,
      },
    ];
    const gpu: GpuSource = { current: gpus, start: jest.fn(), stop: jest.fn() };
    const collector = collectorOn(fixturePath('vm-host'), { gpu });
    collector.prime();
    expect(gpu.start).toHaveBeenCalledTimes(1);
    expect(collector.collect().gpus).toEqual(gpus);
    collector.stop();
    expect(gpu.stop).toHaveBeenCalledTimes(1);
  });

  it('keeps producing samples when one source is unreadable, and says which', () => {
    const root = copyFixture('vm-host');
    rmSync(join(root, 'proc', 'meminfo'));
    const failures: MetricsPart[] = [];
    const sample = collectorOn(root, { onError: (part) => failures.push(part) }).collect();
    expect(failures).toEqual(['memory']);
    expect(sample.ramUsagePercent).toBe(0);
    expect(sample.networkInterfaces).toHaveLength(1);
    rmSync(root, { recursive: true });
  });

  it('collectPart runs one source alone', () => {
    const collector = collectorOn(fixturePath('vm-host'));
    const sample = collector.collectPart('sockets');
    expect(sample.tcpConnections).toBeGreaterThan(0);
    expect(sample.diskUsage).toEqual([]);
  });
});
