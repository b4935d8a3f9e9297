import { describe, expect, it } from '@jest/globals';
import { DOCKER_LOG_BATCH_MAX } from './agent/docker-limits.js';
import { containerSnapshot } from './agent/docker.example.js';
import { parseAgentEvent } from './agent/parse-frames.js';
import { metricsEventFrameSchema, metricsPayloadSchema } from './agent/metrics.js';
import { parseWith } from './parse.js';
import {
  BYTE_COUNTER_MAX,
  COUNT_MAX,
  CPU_SHARE_PERCENT_MAX,
  DISK_RATE_MBPS_MAX,
  MAX_ADDRESS_CHARS,
  MAX_CONTAINERS,
  MAX_DISKS,
  MAX_GPUS,
  MAX_INTERFACES,
  MAX_NAME_CHARS,
  MAX_PATH_CHARS,
  MAX_WATCHED_SERVICES,
  NET_RATE_MBITPS_MAX,
  NORMALIZED_LOAD_MAX,
  PERCENT_ACCEPTED_MAX,
  SEQ_MAX,
  SIZE_GB_MAX,
  SIZE_MB_MAX,
  TEMPERATURE_C_MAX,
  TEMPERATURE_C_MIN,
  UNIX_MS_MAX,
  UPTIME_SECONDS_MAX,
} from './limits.js';
import { simpleAgentFrameSchema } from './simple-dialect.js';

const disk = (i = 0) => ({
  device: `/dev/sd${i}`,
  mountpoint: `/m${i}`,
  fstype: 'ext4',
  totalGB: 100,
  usedGB: 10,
  usagePercent: 10,
});
const nic = (i = 0) => ({ name: `eth${i}`, uploadSpeedMbps: 1, downloadSpeedMbps: 2 });
const gpu = (i = 0) => ({
  index: i,
  name: 'RTX',
  utilizationPercent: 1,
  memoryUsedMB: 1,
  memoryTotalMB: 2,
  temperatureC: 40,
});

const payload = () => ({
  cpuUsagePercent: 12.5,
  ramUsagePercent: 45.2,
  ramUsedGB: 4.1,
  uptimeSeconds: 3600,
  normalizedLoad: { '1m': 0.5, '5m': 0.4, '15m': 0.2 },
  diskReadSpeedMBps: 1.2,
  diskWriteSpeedMBps: 0.5,
  diskUsage: [disk()],
  networkInterfaces: [nic()],
});

const metrics = (over: Record<string, unknown>) =>
  parseWith(metricsPayloadSchema, { ...payload(), ...over }, 'payload');
const errorOf = (over: Record<string, unknown>) => {
  const result = metrics(over);
  return result.ok ? 'accepted' : result.error;
};
const list = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

describe('value ranges of the metrics event (seed 002 and our extensions)', () => {
  it('refuses the values that hung and corrupted the hub, naming the field', () => {
    expect(errorOf({ cpuUsagePercent: 1e308 })).toBe(
      `payload.cpuUsagePercent: must be <= ${PERCENT_ACCEPTED_MAX}`,
    );
    expect(errorOf({ cpuUsagePercent: 1e300 })).toBe(
      `payload.cpuUsagePercent: must be <= ${PERCENT_ACCEPTED_MAX}`,
    );
  });

  it('clamps whole-host percentages in (100, 100.5] to 100 and refuses anything above', () => {
    const ok = metrics({
      ramUsagePercent: 100.5,
      swapUsagePercent: 100.2,
      diskUsage: [{ ...disk(), usagePercent: 100.01 }],
      gpus: [{ ...gpu(), utilizationPercent: 100.3 }],
    });
    expect(ok.ok && [ok.value.ramUsagePercent, ok.value.swapUsagePercent]).toEqual([100, 100]);
    expect(ok.ok && ok.value.diskUsage[0]!.usagePercent).toBe(100);
    expect(ok.ok && ok.value.gpus![0]!.utilizationPercent).toBe(100);
    expect(errorOf({ ramUsagePercent: 100.51 })).toBe('payload.ramUsagePercent: must be <= 100.5');
    expect(errorOf({ swapUsagePercent: 101 })).toBe('payload.swapUsagePercent: must be <= 100.5');
    expect(errorOf({ cpuUsagePercent: -0.1 })).toBe('payload.cpuUsagePercent: must be >= 0');
  });

  it.each([
    ['ramUsedGB', SIZE_GB_MAX],
    ['ramTotalGB', SIZE_GB_MAX],
    ['uptimeSeconds', UPTIME_SECONDS_MAX],
    ['diskReadSpeedMBps', DISK_RATE_MBPS_MAX],
    ['diskWriteSpeedMBps', DISK_RATE_MBPS_MAX],
    ['processCount', COUNT_MAX],
    ['tcpConnections', COUNT_MAX],
    ['udpConnections', COUNT_MAX],
    ['seq', SEQ_MAX],
    ['cpuTemperatureC', TEMPERATURE_C_MAX],
  ])('%s accepts its maximum %d and refuses more', (field, max) => {
    expect(errorOf({ [field]: max })).toBe('accepted');
    // The next representable step above: +1 for integers, a tenth more for the rest.
    const over = Number.isSafeInteger(max) && max >= 2 ** 52 ? Number.MAX_VALUE : max + Math.max(1, max / 10);
    expect(errorOf({ [field]: over })).toBe(`payload.${field}: must be <= ${max}`);
  });

  it('bounds temperatures below, loads, and the nested lists’ numbers', () => {
    expect(errorOf({ cpuTemperatureC: TEMPERATURE_C_MIN - 1 })).toBe(
      `payload.cpuTemperatureC: must be >= ${TEMPERATURE_C_MIN}`,
    );
    expect(errorOf({ normalizedLoad: { '1m': NORMALIZED_LOAD_MAX + 1, '5m': 0, '15m': 0 } })).toBe(
      `payload.normalizedLoad["1m"]: must be <= ${NORMALIZED_LOAD_MAX}`,
    );
    expect(errorOf({ diskUsage: [{ ...disk(), totalGB: SIZE_GB_MAX * 2 }] })).toBe(
      `payload.diskUsage[0].totalGB: must be <= ${SIZE_GB_MAX}`,
    );
    expect(
      errorOf({
        networkInterfaces: [{ ...nic(), downloadSpeedMbps: 1e300, netRxBytes: BYTE_COUNTER_MAX + 2 }],
      }),
    ).toBe(
      `payload.networkInterfaces[0].downloadSpeedMbps: must be <= ${NET_RATE_MBITPS_MAX}; ` +
        `payload.networkInterfaces[0].netRxBytes: must be <= ${BYTE_COUNTER_MAX}`,
    );
    expect(errorOf({ gpus: [{ ...gpu(), memoryTotalMB: SIZE_MB_MAX + 1, temperatureC: 999 }] })).toBe(
      `payload.gpus[0].memoryTotalMB: must be <= ${SIZE_MB_MAX}; ` +
        `payload.gpus[0].temperatureC: must be <= ${TEMPERATURE_C_MAX}`,
    );
  });

  it('refuses a frame timestamp past 2200 (a Date cannot even hold 1e20)', () => {
    const frame = { type: 'event', action: 'metrics', payload: payload(), timestamp: 1e20 };
    expect(parseWith(metricsEventFrameSchema, frame)).toEqual({
      ok: false,
      error: `timestamp: must be <= ${UNIX_MS_MAX}`,
    });
  });
});

describe('list and name limits of the metrics event', () => {
  it.each([
    ['diskUsage', MAX_DISKS, disk],
    ['networkInterfaces', MAX_INTERFACES, nic],
    ['gpus', MAX_GPUS, gpu],
    [
      'watchedServices',
      MAX_WATCHED_SERVICES,
      (i: number) => ({ name: `s${i}`, activeState: 'a', subState: 'b' }),
    ],
  ] as [string, number, (i: number) => unknown][])(
    '%s takes %d entries and refuses one more',
    (field, max, make) => {
      expect(errorOf({ [field]: list(max, make) })).toBe('accepted');
      expect(errorOf({ [field]: list(max + 1, make) })).toBe(
        `payload.${field}: must have at most ${max} items`,
      );
    },
  );

  it('caps names, paths and addresses', () => {
    const long = (n: number) => 'x'.repeat(n + 1);
    expect(errorOf({ diskUsage: [{ ...disk(), mountpoint: `/${'m'.repeat(MAX_PATH_CHARS - 1)}` }] })).toBe(
      'accepted',
    );
    expect(
      errorOf({
        diskUsage: [
          {
            ...disk(),
            device: long(MAX_PATH_CHARS),
            mountpoint: long(MAX_PATH_CHARS),
            fstype: long(MAX_NAME_CHARS),
          },
        ],
      }),
    ).toBe(
      `payload.diskUsage[0].device: must be at most ${MAX_PATH_CHARS} characters; ` +
        `payload.diskUsage[0].mountpoint: must be at most ${MAX_PATH_CHARS} characters; ` +
        `payload.diskUsage[0].fstype: must be at most ${MAX_NAME_CHARS} characters`,
    );
    expect(
      errorOf({
        networkInterfaces: [{ ...nic(), name: long(MAX_NAME_CHARS), mac: long(MAX_ADDRESS_CHARS) }],
      }),
    ).toBe(
      `payload.networkInterfaces[0].name: must be at most ${MAX_NAME_CHARS} characters; ` +
        `payload.networkInterfaces[0].mac: must be at most ${MAX_ADDRESS_CHARS} characters`,
    );
    expect(errorOf({ gpus: [{ ...gpu(), name: long(MAX_NAME_CHARS) }] })).toBe(
      `payload.gpus[0].name: must be at most ${MAX_NAME_CHARS} characters`,
    );
    expect(
      errorOf({
        watchedServices: [
          { name: long(MAX_NAME_CHARS), activeState: 'active', subState: long(MAX_NAME_CHARS) },
        ],
      }),
    ).toBe(
      `payload.watchedServices[0].name: must be at most ${MAX_NAME_CHARS} characters; ` +
        `payload.watchedServices[0].subState: must be at most ${MAX_NAME_CHARS} characters`,
    );
  });
});

describe('simple dialect (seed 001) ranges and limits', () => {
  const simple = (over: Record<string, unknown>) => {
    const result = parseWith(simpleAgentFrameSchema, {
      type: 'metrics',
      cpu_percent: 1,
      memory_percent: 2,
      ...over,
    });
    return result.ok ? result.value : result.error;
  };

  it('refuses out-of-range numbers with the field named and clamps percentages like the envelope', () => {
    expect(simple({ cpu_percent: 1e308 })).toBe('cpu_percent: must be <= 100.5');
    expect(simple({ memory_percent: 100.3 })).toMatchObject({ memory_percent: 100 });
    expect(simple({ disk_usage: [{ mountpoint: '/', total_gb: 1e300, percent: 200 }] })).toBe(
      `disk_usage[0].total_gb: must be <= ${SIZE_GB_MAX}; disk_usage[0].percent: must be <= 100.5`,
    );
    expect(simple({ network: [{ name: 'eth0', upload_mbps: 1e7, bytes_recv: 1e300 }] })).toBe(
      `network[0].upload_mbps: must be <= ${NET_RATE_MBITPS_MAX}; network[0].bytes_recv: must be <= ${BYTE_COUNTER_MAX}`,
    );
    expect(simple({ timestamp: '9999-01-01T00:00:00Z' })).toBe(
      'timestamp: must be between 1970-01-01 and 2200-01-01',
    );
  });

  it('caps its lists and names', () => {
    expect(simple({ disk_usage: list(MAX_DISKS + 1, (i) => ({ mountpoint: `/m${i}` })) })).toBe(
      `disk_usage: must have at most ${MAX_DISKS} items`,
    );
    expect(simple({ network: list(MAX_INTERFACES + 1, (i) => ({ name: `v${i}` })) })).toBe(
      `network: must have at most ${MAX_INTERFACES} items`,
    );
    expect(simple({ network: [{ name: 'n'.repeat(MAX_NAME_CHARS + 1) }] })).toBe(
      `network[0].name: must be at most ${MAX_NAME_CHARS} characters`,
    );
  });
});

describe('extension events ranges and limits', () => {
  const event = (action: string, payload: unknown) => {
    const result = parseAgentEvent({ action, payload });
    return result.ok ? 'accepted' : result.error;
  };
  const stats = (over: Record<string, unknown>) => ({ ...containerSnapshot({ cpuPercent: 250 }), ...over });

  it('bounds docker stats (a container CPU share may exceed 100) and caps the container list', () => {
    const docker = (containers: unknown[]) => event('docker-stats', { available: true, containers });
    expect(docker([stats({})])).toBe('accepted');
    expect(docker([stats({ cpuPercent: CPU_SHARE_PERCENT_MAX + 1 })])).toBe(
      `payload.containers[0].cpuPercent: must be <= ${CPU_SHARE_PERCENT_MAX}`,
    );
    expect(docker([stats({ netRxBytesPerSec: 1e300 })])).toBe(
      'payload.containers[0].netRxBytesPerSec: must be <= 1000000000000',
    );
    expect(docker([stats({ memoryUsageBytes: 1e300 })])).toBe(
      `payload.containers[0].memoryUsageBytes: must be <= ${BYTE_COUNTER_MAX}`,
    );
    expect(docker(list(MAX_CONTAINERS + 1, () => stats({})))).toBe(
      `payload.containers: must have at most ${MAX_CONTAINERS} items`,
    );
  });

  it('bounds times, latencies and batch sizes', () => {
    expect(event('log', { streamId: 's', message: 'm', at: 1e20 })).toBe(
      `payload.at: must be <= ${UNIX_MS_MAX}`,
    );
    expect(
      event('ping-result', {
        taskId: 't',
        at: 1,
        success: true,
        latencyMs: 1e300,
        error: null,
        method: 'tcp',
      }),
    ).toBe('payload.latencyMs: must be <= 86400000');
    expect(event('upgrade-progress', { stage: 'downloading', percent: 101 })).toBe(
      'payload.percent: must be <= 100.5',
    );
    const entries = list(DOCKER_LOG_BATCH_MAX + 1, () => ({ stream: 'stdout', line: 'x', at: null }));
    expect(event('docker-log', { streamId: 's', entries })).toBe(
      `payload.entries: must have at most ${DOCKER_LOG_BATCH_MAX} items`,
    );
  });
});
