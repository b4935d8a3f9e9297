import { describe, expect, it } from '@jest/globals';
import { cpuPercent, figures, memoryUsage, rate, readStats } from './stats-math.js';

/** A one-shot stats answer as Docker 20.10 sends it on cgroup v1 (precpu_stats empty). */
function oneShot(over: { read: string; total: number; system: number; rx?: number; readBytes?: number }) {
  return {
    read: over.read,
    preread: '0001-01-01T00:00:00Z',
    pids_stats: { current: 3 },
    blkio_stats: {
      io_service_bytes_recursive: [
        { major: 8, minor: 0, op: 'Read', value: over.readBytes ?? 0 },
        { major: 8, minor: 0, op: 'Write', value: 4096 },
        { major: 8, minor: 0, op: 'Total', value: 99_999 },
      ],
    },
    cpu_stats: { cpu_usage: { total_usage: over.total }, system_cpu_usage: over.system, online_cpus: 4 },
    precpu_stats: { cpu_usage: { total_usage: 0 } },
    memory_stats: {
      usage: 10_000_000,
      limit: 2_000_000_000,
      stats: { total_inactive_file: 2_000_000, cache: 3_000_000 },
    },
    networks: { eth0: { rx_bytes: over.rx ?? 0, tx_bytes: 500 }, eth1: { rx_bytes: 100, tx_bytes: 0 } },
  };
}

describe('Docker stats math', () => {
  const first = readStats(
    oneShot({ read: '2026-01-01T00:00:00.000000000Z', total: 1e9, system: 100e9, rx: 1000 }),
    0,
  );
  const second = readStats(
    oneShot({
      read: '2026-01-01T00:00:02.000999999Z',
      total: 1.5e9,
      system: 102e9,
      rx: 5000,
      readBytes: 8192,
    }),
    0,
  );

  it('computes CPU % from two readings: container delta ÷ host delta × online CPUs × 100', () => {
    // 0.5 s of CPU over 2 s of all four CPUs' time (2e9 ns system delta) → 0.25 × 4 × 100 = 100 % (one CPU).
    expect(cpuPercent(first, second)).toBe(100);
    expect(cpuPercent(second, first)).toBeNull(); // counter went back (container restarted)
  });

  it('computes byte rates per second from the engine read times', () => {
    const f = figures(first, second);
    expect(second.at - first.at).toBe(2000);
    expect(f.netRxBytesPerSec).toBe(2000);
    expect(f.netTxBytesPerSec).toBe(0);
    expect(f.blockReadBytesPerSec).toBe(4096);
    expect(f.blockWriteBytesPerSec).toBe(0);
    expect(f.memoryUsageBytes).toBe(8_000_000);
    expect(f.memoryLimitBytes).toBe(2_000_000_000);
    expect(f.pids).toBe(3);
  });

  it('gives gauges but no CPU % or rates on the first reading', () => {
    const f = figures(undefined, first);
    expect(f.cpuPercent).toBeNull();
    expect(f.netRxBytesPerSec).toBeNull();
    expect(f.memoryUsageBytes).toBe(8_000_000);
    expect(f.pids).toBe(3);
  });

  it('subtracts inactive_file on cgroup v2 and cache on old v1 engines', () => {
    expect(memoryUsage({ usage: 100, stats: { inactive_file: 30, anon: 70 } })).toBe(70);
    expect(memoryUsage({ usage: 100, stats: { cache: 40 } })).toBe(60);
    expect(memoryUsage({ usage: 100, stats: { inactive_file: 300 } })).toBe(100);
    expect(memoryUsage({})).toBeNull();
  });

  it('has no network rates without networks (--network none) and none over no time', () => {
    const none = readStats({ read: '2026-01-01T00:00:00Z', networks: undefined }, 0);
    expect(none.netRx).toBeUndefined();
    expect(rate(undefined, 10, 1)).toBeNull();
    expect(rate(10, 20, 0)).toBeNull();
    expect(rate(10, 5, 1)).toBeNull();
    expect(rate(10, 20, 4)).toBe(2.5);
  });
});
