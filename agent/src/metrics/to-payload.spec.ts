import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  MAX_CPU_CORES,
  MAX_DISKS,
  MAX_GPUS,
  MAX_INTERFACES,
  MAX_PATH_CHARS,
  MAX_WATCHED_SERVICES,
  metricsPayloadSchema,
  type WatchedService,
} from '@hivewatch/protocol';
import { MetricsCollector } from '../collectors/collector.js';
import type { FsSpace } from '../collectors/disks.js';
import { copyFixture } from '../collectors/fixtures.spec-helper.js';
import { parseNvidiaSmiCsv } from '../collectors/gpu.js';
import type { MetricsSnapshot } from '../collectors/types.js';
import type { LogFields, Logger } from '../log/logger.js';
import { fitRateMbps, fitText, keepBest, warnOncePerList, type ListTrimmed } from './payload-limits.js';
import { toMetricsPayload } from './to-payload.js';

const VLANS = 700;
const EXTRA_FILESYSTEMS = 300;
const LONG_MOUNTPOINT = `/srv/${'k'.repeat(600)}`;

/**
 * The recorded bare-metal server (server-bond-vlan) grown into a hostile but possible host: 700
 * VLAN sub-interfaces of bond0 (an access router), 300 more filesystems, one mounted on a
 * 600-character path, and 70 GPUs whose nvidia-smi answer overshoots (101 % busy, a 300 °C sensor).
 */
function hugeHost(): { root: string; collector: MetricsCollector } {
  const root = copyFixture('server-bond-vlan');
  const proc = join(root, 'proc');
  let dev = '';
  let vlanConfig = '';
  for (let i = 0; i < VLANS; i++) {
    const name = `bond0.${1000 + i}`;
    const rx = (i + 1) * 1_000;
    dev += `${name.padStart(10)}: ${rx} 10 0 0 0 0 0 0 ${rx} 10 0 0 0 0 0 0\n`;
    vlanConfig += `${name.padEnd(15)}| ${1000 + i} | bond0\n`;
  }
  appendFileSync(join(proc, 'net', 'dev'), dev);
  appendFileSync(join(proc, 'net', 'vlan', 'config'), vlanConfig);
  let mounts = `500 28 8:99 / ${LONG_MOUNTPOINT} rw,relatime shared:500 - ext4 /dev/sdz1 rw\n`;
  for (let i = 0; i < EXTRA_FILESYSTEMS; i++)
    mounts += `${600 + i} 28 65:${i} / /srv/vol${i} rw,relatime shared:${600 + i} - xfs /dev/sdv${i} rw\n`;
  appendFileSync(join(proc, 'self', 'mountinfo'), mounts);

  // Filesystem sizes: /srv/volN grows with N, the long path is the largest of all.
  const space = (path: string): FsSpace => {
    const n = path === LONG_MOUNTPOINT ? 1_000_000 : Number(/\/srv\/vol(\d+)$/.exec(path)?.[1] ?? 0);
    return { bsize: 4096, blocks: (n + 1) * 262_144, bfree: 131_072, bavail: 131_072 };
  };
  let csv = '';
  for (let i = 0; i < 70; i++)
    csv += `${i}, NVIDIA H100 80GB HBM3, ${i === 0 ? 101 : 40}, 1024, 81559, ${i === 0 ? 300 : 55}\n`;
  const gpus = parseNvidiaSmiCsv(csv);
  const collector = new MetricsCollector({
    procRoot: proc,
    sysRoot: join(root, 'sys'),
    statfsSync: space,
    statfsAsync: (path, done) => done(null, space(path)),
    networkInterfaces: () => ({}),
    gpu: { current: gpus, start: () => undefined, stop: () => undefined },
  });
  return { root, collector };
}

function recordingLogger(): Logger & { warnings: { message: string; fields?: LogFields }[] } {
  const warnings: { message: string; fields?: LogFields }[] = [];
  const logger: Logger & { warnings: typeof warnings } = {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => warnings.push({ message, fields }),
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

const traffic = (i: { netRxBytes?: number; netTxBytes?: number }) =>
  (i.netRxBytes ?? 0) + (i.netTxBytes ?? 0);

describe('the metrics payload the agent builds stays within the protocol limits', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('on a host with 707 interfaces, 300+ filesystems, a 600-character mountpoint and 70 GPUs', () => {
    const { root, collector } = hugeHost();
    roots.push(root);
    const watched: WatchedService[] = Array.from({ length: 300 }, (_, i) => ({
      name: `app${i}.service`,
      activeState: 'active',
      subState: 'running',
    }));
    const snapshot = collector.collect();
    expect(snapshot.networkInterfaces.length).toBe(7 + VLANS); // the collector itself keeps them all
    expect(snapshot.diskUsage.length).toBeGreaterThan(MAX_DISKS);

    const payload = toMetricsPayload(snapshot, watched);
    const parsed = metricsPayloadSchema.safeParse({ ...payload, seq: 1 });
    expect(parsed.error?.issues ?? []).toEqual([]);

    // Interfaces: the 512 that moved the most bytes, in the collector's order.
    expect(payload.networkInterfaces).toHaveLength(MAX_INTERFACES);
    const kept = new Set(payload.networkInterfaces.map((i) => i.name));
    const dropped = snapshot.networkInterfaces.filter((i) => !kept.has(i.name));
    expect(Math.min(...payload.networkInterfaces.map(traffic))).toBeGreaterThanOrEqual(
      Math.max(...dropped.map(traffic)),
    );
    expect([...kept]).toEqual(expect.arrayContaining(['eno1', 'bond0', 'bond0.100', 'br0', 'bond0.1699']));
    expect(kept.has('bond0.1000')).toBe(false);
    const order = snapshot.networkInterfaces.map((i) => i.name).filter((name) => kept.has(name));
    expect(payload.networkInterfaces.map((i) => i.name)).toEqual(order);

    // Filesystems: the 256 largest; the long mountpoint (largest of all) cut to 512 characters.
    expect(payload.diskUsage).toHaveLength(MAX_DISKS);
    const long = payload.diskUsage.find((d) => d.device === '/dev/sdz1');
    expect(long?.mountpoint).toBe(LONG_MOUNTPOINT.slice(0, MAX_PATH_CHARS));
    expect(payload.diskUsage.some((d) => d.mountpoint === `/srv/vol${EXTRA_FILESYSTEMS - 1}`)).toBe(true);
    expect(payload.diskUsage.some((d) => d.mountpoint === '/srv/vol0')).toBe(false);

    // GPUs and watched services: the first ones; an impossible reading left out, an overshoot clamped.
    expect(payload.gpus).toHaveLength(MAX_GPUS);
    expect(payload.gpus?.[0]).toMatchObject({ index: 0, utilizationPercent: 100, temperatureC: null });
    expect(payload.gpus?.[1]).toMatchObject({ utilizationPercent: 40, temperatureC: 55 });
    expect(payload.watchedServices).toHaveLength(MAX_WATCHED_SERVICES);
    expect(payload.watchedServices?.at(-1)?.name).toBe(`app${MAX_WATCHED_SERVICES - 1}.service`);
  });

  it('says once per list, not at every sample, that it trimmed it', () => {
    const { root, collector } = hugeHost();
    roots.push(root);
    const logger = recordingLogger();
    const trimmed = warnOncePerList(logger);
    for (let i = 0; i < 3; i++) toMetricsPayload(collector.collect(), undefined, trimmed);
    expect(logger.warnings.map((w) => w.fields)).toEqual([
      { list: 'diskUsage', reported: 3 + EXTRA_FILESYSTEMS + 7, kept: MAX_DISKS },
      { list: 'networkInterfaces', reported: 7 + VLANS, kept: MAX_INTERFACES },
      { list: 'gpus', reported: 70, kept: MAX_GPUS },
    ]);
  });

  it('clamps overshooting numbers and leaves out impossible readings and addresses', () => {
    const base: MetricsSnapshot = {
      cpuUsagePercent: 100.7,
      ramUsagePercent: -0.2,
      ramUsedGB: Number.NaN,
      uptimeSeconds: 1e300,
      normalizedLoad: { '1m': 1e308, '5m': 0.5, '15m': Number.POSITIVE_INFINITY },
      diskReadSpeedMBps: 5e6,
      diskWriteSpeedMBps: -3,
      diskUsage: [
        {
          device: '/dev/sda1',
          mountpoint: '/',
          fstype: 'ext4',
          totalGB: 2e7,
          usedGB: 1,
          usagePercent: 100.004,
        },
      ],
      networkInterfaces: [
        {
          name: 'eth0',
          mac: 'aa:'.repeat(60),
          ipv4: '10.0.0.2',
          ipv6: null,
          uploadSpeedMbps: 2e6,
          downloadSpeedMbps: 1,
          netRxBytes: 2 ** 60,
          netTxBytes: Number.NaN,
        },
      ],
      cpuPerCorePercent: [100.3, 12.345, ...new Array<number>(5000).fill(1)],
      swapUsagePercent: 250,
      processCount: 12.4e9,
      tcpConnections: -1,
      cpuTemperatureC: 300,
    };
    const payload = toMetricsPayload(base, undefined);
    expect(metricsPayloadSchema.safeParse(payload).error?.issues ?? []).toEqual([]);
    expect(payload).toMatchObject({
      cpuUsagePercent: 100,
      ramUsagePercent: 0,
      ramUsedGB: 0,
      normalizedLoad: { '1m': 10_000, '5m': 0.5, '15m': 10_000 },
      diskReadSpeedMBps: 1_000_000,
      diskWriteSpeedMBps: 0,
      swapUsagePercent: 100,
      processCount: 10_000_000,
      tcpConnections: 0,
    });
    expect(payload.diskUsage[0]).toMatchObject({ totalGB: 1024 * 1024, usagePercent: 100 });
    expect(payload.networkInterfaces[0]).toEqual({
      name: 'eth0',
      mac: null,
      ipv4: '10.0.0.2',
      ipv6: null,
      uploadSpeedMbps: 1_000_000,
      downloadSpeedMbps: 1,
      netRxBytes: Number.MAX_SAFE_INTEGER,
    });
    expect('cpuTemperatureC' in payload).toBe(false);
    expect(payload.cpuPerCorePercent?.slice(0, 3)).toEqual([100, 12.35, 1]);
    expect(payload.cpuPerCorePercent).toHaveLength(MAX_CPU_CORES);
    expect(payload.uptimeSeconds).toBe(100 * 365.25 * 86_400);
  });

  it('leaves an ordinary recorded host untouched', () => {
    const root = copyFixture('server-bond-vlan');
    roots.push(root);
    const snapshot = new MetricsCollector({
      procRoot: join(root, 'proc'),
      sysRoot: join(root, 'sys'),
      statfsSync: () => ({ bsize: 4096, blocks: 262_144, bfree: 131_072, bavail: 131_072 }),
      networkInterfaces: () => ({}),
      gpu: false,
    }).collect();
    const payload = toMetricsPayload(snapshot, undefined);
    expect(payload.networkInterfaces.map((i) => i.name)).toEqual(
      snapshot.networkInterfaces.map((i) => i.name),
    );
    expect(payload.diskUsage).toEqual(snapshot.diskUsage);
  });
});

describe('payload-limits helpers', () => {
  it('keeps network rates to 1 bit/s, so a quiet host does not read as 0 / 0.01 Mbit/s', () => {
    expect(fitRateMbps(0.0104, 1e6)).toBe(0.0104);
    expect(fitRateMbps(0.0041237, 1e6)).toBe(0.004124);
    expect(fitRateMbps(-1, 1e6)).toBe(0);
    expect(fitRateMbps(2e6, 1e6)).toBe(1e6);
  });

  it('cuts text without splitting a surrogate pair', () => {
    expect(fitText('abc', 3)).toBe('abc');
    expect(fitText('ab😀', 3)).toBe('ab');
    expect(fitText('a😀b', 3)).toBe('a😀');
  });

  it('keeps the best items in their input order, ties by input order', () => {
    const byValue = (a: number, b: number) => b - a;
    expect(keepBest([1, 5, 3, 5, 2], 3, byValue)).toEqual([5, 3, 5]);
    expect(keepBest([1, 2, 3], 2)).toEqual([1, 2]);
    const told: ListTrimmed[] = [];
    toMetricsPayload(
      {
        cpuUsagePercent: 1,
        ramUsagePercent: 1,
        ramUsedGB: 1,
        uptimeSeconds: 1,
        normalizedLoad: { '1m': 0, '5m': 0, '15m': 0 },
        diskReadSpeedMBps: 0,
        diskWriteSpeedMBps: 0,
        diskUsage: [],
        networkInterfaces: [],
      },
      undefined,
      (t) => told.push(t),
    );
    expect(told).toEqual([]);
  });
});
