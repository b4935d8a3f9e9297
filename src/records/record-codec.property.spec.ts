import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BYTE_COUNTER_MAX,
  COUNT_MAX,
  DISK_RATE_MBPS_MAX,
  MAX_DISKS,
  MAX_GPUS,
  MAX_INTERFACES,
  MAX_NAME_CHARS,
  MAX_PATH_CHARS,
  type MetricsPayload,
  metricsPayloadSchema,
  NET_RATE_MBITPS_MAX,
  NORMALIZED_LOAD_MAX,
  PERCENT_ACCEPTED_MAX,
  PERCENT_MAX,
  SIZE_GB_MAX,
  SIZE_MB_MAX,
  TEMPERATURE_C_MAX,
  TEMPERATURE_C_MIN,
  UPTIME_SECONDS_MAX,
} from '@hivewatch/protocol';
import { sampleFromEnvelopeMetrics } from '../agents/sample-mapper.js';
import {
  COUNTERS,
  DISK_PREFIX,
  DISK_USAGE_SCALE,
  GAUGES,
  MAX_LABELS_PER_SERVER,
  NET_PREFIX,
  NET_RATE_SCALE,
} from './metric-catalog.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import type { RecordValues } from './record-values.js';

/**
 * Property: every minute of samples the protocol accepts aggregates, encodes and decodes to what
 * was reported, within the stored resolution (metric-catalog.ts scales), and each encode is fast.
 * The arbitraries come from the same bounds as the schemas (libs/protocol limits.ts).
 * Replay a failure with FC_SEED=<seed printed by fast-check> (and its `path`).
 */
const SEED = Number(process.env['FC_SEED'] ?? 20_260_110);
const RUNS = Number(process.env['FC_RUNS'] ?? 120);
const ENCODE_BUDGET_MS = 50;
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const percent = num(0, PERCENT_ACCEPTED_MAX);
// A few shared names so that filesystems and interfaces recur across the samples of a minute.
const name = fc.oneof(fc.constantFrom('eth0', 'eth1', 'bond0'), fc.string({ maxLength: MAX_NAME_CHARS }));
const mountpoint = fc.oneof(fc.constantFrom('/', '/data', '/boot'), fc.string({ maxLength: MAX_PATH_CHARS }));

const disk = fc.record({
  device: fc.string({ maxLength: 16 }),
  mountpoint,
  fstype: fc.constantFrom('ext4', 'xfs', 'zfs'),
  totalGB: num(0, SIZE_GB_MAX),
  usedGB: num(0, SIZE_GB_MAX),
  usagePercent: percent,
});

const nic = fc.record(
  {
    name,
    uploadSpeedMbps: num(0, NET_RATE_MBITPS_MAX),
    downloadSpeedMbps: num(0, NET_RATE_MBITPS_MAX),
    netRxBytes: fc.oneof(num(0, BYTE_COUNTER_MAX), fc.integer({ min: 0, max: BYTE_COUNTER_MAX })),
    netTxBytes: fc.integer({ min: 0, max: BYTE_COUNTER_MAX }),
  },
  { requiredKeys: ['name', 'uploadSpeedMbps', 'downloadSpeedMbps'] },
);

const gpu = fc.record({
  index: fc.integer({ min: 0, max: MAX_GPUS - 1 }),
  name: fc.string({ maxLength: 32 }),
  utilizationPercent: fc.option(percent, { nil: null }),
  memoryUsedMB: fc.option(num(0, SIZE_MB_MAX), { nil: null }),
  memoryTotalMB: fc.option(num(0, SIZE_MB_MAX), { nil: null }),
});

const count = fc.integer({ min: 0, max: COUNT_MAX });

/** Mostly short lists; one run in five fills the list to (nearly) its limit. */
const list = <T>(item: fc.Arbitrary<T>, max: number) =>
  fc.oneof(
    { arbitrary: fc.array(item, { maxLength: 8 }), weight: 4 },
    { arbitrary: fc.array(item, { minLength: max - 2, maxLength: max }), weight: 1 },
  );
const load = num(0, NORMALIZED_LOAD_MAX);

/** A metrics payload within every range and list limit (long lists are generated, rarely). */
const payloadArb = fc.record(
  {
    cpuUsagePercent: percent,
    ramUsagePercent: percent,
    ramUsedGB: num(0, SIZE_GB_MAX),
    uptimeSeconds: num(0, UPTIME_SECONDS_MAX),
    normalizedLoad: fc.record({ '1m': load, '5m': load, '15m': load }),
    diskReadSpeedMBps: num(0, DISK_RATE_MBPS_MAX),
    diskWriteSpeedMBps: num(0, DISK_RATE_MBPS_MAX),
    diskUsage: list(disk, MAX_DISKS),
    networkInterfaces: list(nic, MAX_INTERFACES),
    swapUsagePercent: percent,
    ramTotalGB: num(0, SIZE_GB_MAX),
    processCount: count,
    tcpConnections: count,
    udpConnections: count,
    cpuTemperatureC: fc.option(num(TEMPERATURE_C_MIN, TEMPERATURE_C_MAX), { nil: null }),
    gpus: list(gpu, MAX_GPUS),
  },
  {
    requiredKeys: [
      'cpuUsagePercent',
      'ramUsagePercent',
      'ramUsedGB',
      'uptimeSeconds',
      'normalizedLoad',
      'diskReadSpeedMBps',
      'diskWriteSpeedMBps',
      'diskUsage',
      'networkInterfaces',
    ],
  },
);

/** What a minute should read back as, computed straight from the payloads (not by the aggregator). */
interface Expected {
  gauges: (number[] | null)[];
  counters: (number | null)[];
  disks: Map<string, number>;
  nets: Map<string, { in: number[]; out: number[] }>;
}

const clamp = (v: number) => Math.min(v, PERCENT_MAX);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;

function gaugeInputs(p: MetricsPayload, raw: Record<string, unknown>): Record<string, number | undefined> {
  const r = raw as { cpuUsagePercent: number; ramUsagePercent: number; swapUsagePercent?: number };
  const gpuUtil = (p.gpus ?? []).map((g) => g.utilizationPercent).filter((u): u is number => u !== null);
  return {
    cpu: clamp(r.cpuUsagePercent),
    mem: clamp(r.ramUsagePercent),
    swap: r.swapUsagePercent === undefined ? undefined : clamp(r.swapUsagePercent),
    load1: p.normalizedLoad['1m'],
    load5: p.normalizedLoad['5m'],
    load15: p.normalizedLoad['15m'],
    diskRead: p.diskReadSpeedMBps,
    diskWrite: p.diskWriteSpeedMBps,
    netIn: sum(p.networkInterfaces.map((n) => n.downloadSpeedMbps)),
    netOut: sum(p.networkInterfaces.map((n) => n.uploadSpeedMbps)),
    tcp: p.tcpConnections,
    udp: p.udpConnections,
    processes: p.processCount,
    temperature: p.cpuTemperatureC ?? undefined,
    gpu: gpuUtil.length > 0 ? mean(gpuUtil.map(clamp)) : undefined,
  };
}

function counterInputs(p: MetricsPayload): Record<string, number | undefined> {
  const total = (field: 'netRxBytes' | 'netTxBytes') => {
    const xs = p.networkInterfaces.map((n) => n[field]).filter((x): x is number => x !== undefined);
    return xs.length > 0 ? Math.min(sum(xs), Number.MAX_SAFE_INTEGER) : undefined;
  };
  return { uptime: p.uptimeSeconds, rxBytes: total('netRxBytes'), txBytes: total('netTxBytes') };
}

/** Samples are taken in time order; filesystem usage and counters keep the latest value. */
function expectedMinute(payloads: { parsed: MetricsPayload; raw: Record<string, unknown> }[]): Expected {
  const e: Expected = {
    gauges: GAUGES.map(() => null),
    counters: COUNTERS.map(() => null),
    disks: new Map(),
    nets: new Map(),
  };
  const hasRoom = () => e.disks.size + e.nets.size < MAX_LABELS_PER_SERVER;
  for (const { parsed, raw } of payloads) {
    const g = gaugeInputs(parsed, raw);
    GAUGES.forEach((def, i) => {
      const v = g[def.key];
      if (v !== undefined) (e.gauges[i] ??= []).push(v);
    });
    const c = counterInputs(parsed);
    COUNTERS.forEach((def, i) => {
      const v = c[def.key];
      if (v !== undefined) e.counters[i] = v;
    });
    for (const d of parsed.diskUsage) {
      const key = DISK_PREFIX + d.mountpoint;
      if (e.disks.has(key) || hasRoom()) e.disks.set(key, d.usagePercent);
    }
    for (const n of parsed.networkInterfaces) {
      const key = NET_PREFIX + n.name;
      let acc = e.nets.get(key);
      if (!acc) {
        if (!hasRoom()) continue;
        acc = { in: [], out: [] };
        e.nets.set(key, acc);
      }
      acc.in.push(n.downloadSpeedMbps);
      acc.out.push(n.uploadSpeedMbps);
    }
  }
  return e;
}

/** |actual − expected| within half a stored step, plus float noise relative to the magnitude. */
function near(actual: number | null | undefined, expected: number, scale: number, what: string): void {
  const tolerance = 0.5 / scale + Math.abs(expected) * 1e-12 + 1e-9;
  if (actual === null || actual === undefined || !(Math.abs(actual - expected) <= tolerance))
    throw new Error(`${what}: read back ${actual}, expected ${expected} ± ${tolerance}`);
}

function check(back: RecordValues, e: Expected, n: number): void {
  expect(back.n).toBe(n);
  GAUGES.forEach((def, i) => {
    const xs = e.gauges[i];
    if (!xs) {
      expect(back.avg[i]).toBeNull();
      return;
    }
    near(back.avg[i], mean(xs), def.scale, `${def.key} avg`);
    near(back.max[i], Math.max(...xs), def.scale, `${def.key} max`);
  });
  COUNTERS.forEach((def, i) => {
    const x = e.counters[i] ?? null;
    if (x === null) expect(back.counters[i]).toBeNull();
    else near(back.counters[i], x, 1, def.key);
  });
  expect([...back.disks.keys()].sort()).toEqual([...e.disks.keys()].sort());
  for (const [key, usage] of e.disks) near(back.disks.get(key), usage, DISK_USAGE_SCALE, key);
  expect([...back.nets.keys()].sort()).toEqual([...e.nets.keys()].sort());
  for (const [key, acc] of e.nets) {
    near(back.nets.get(key)?.in, mean(acc.in), NET_RATE_SCALE, `${key} in`);
    near(back.nets.get(key)?.out, mean(acc.out), NET_RATE_SCALE, `${key} out`);
  }
}

describe('record codec property (fast-check)', () => {
  it('stores every minute of accepted samples within the stated precision, each encode under 50 ms', () => {
    fc.assert(
      fc.property(fc.array(payloadArb, { minLength: 1, maxLength: 4 }), (raws) => {
        const agg = new MinuteBucketAggregator();
        const payloads = raws.map((raw, i) => {
          const result = metricsPayloadSchema.safeParse(raw);
          if (!result.success)
            throw new Error(`the protocol refused a generated payload: ${result.error.message}`);
          agg.ingest({ ...sampleFromEnvelopeMetrics('s1', result.data, T0), time: T0 + i * 5_000 });
          return { parsed: result.data, raw };
        });
        const [bucket] = agg.takeAll();
        const values = bucket!.toValues();
        const labels: string[] = [];
        const index = new Map<string, number>();
        const start = performance.now();
        const data = encodeRecord(values, (l) => {
          let at = index.get(l);
          if (at === undefined) index.set(l, (at = labels.push(l) - 1));
          return at;
        });
        const ms = performance.now() - start;
        if (ms >= ENCODE_BUDGET_MS) throw new Error(`encode took ${ms.toFixed(1)} ms`);
        check(decodeRecord(values.n, data, labels), expectedMinute(payloads), raws.length);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
