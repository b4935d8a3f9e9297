import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { metricsPayloadSchema } from '../agent/metrics.js';
import { apiMetricsDataSchema } from '../api-client.js';
import { ALERT_METRIC_UNITS, allowedUnits, metricConditionSchema } from '../api/alerts.js';
import { liveSampleSchema, type LiveSample } from '../api/records.js';
import { serverMetricsSummarySchema } from '../browser.js';
import { simpleMetricsSchema } from '../simple-dialect.js';
import { metricTableMarkdown } from './metric-table.js';
import { alertReader, recordReader } from './readers.js';
import { CHART_GROUPS } from './registry.js';
import {
  ALERT_METRICS,
  ALL_METRICS,
  CHARTS_OF_METRICS,
  copySeed002Gauges,
  metricDef,
  SAMPLE_GAUGE_FIELDS,
  STORED_METRICS,
} from './views.js';

/**
 * The stored order before the registry existed, then what was appended since. A change here is a
 * change of the record format: append only.
 */
const STORED_ORDER = [
  'cpu',
  'mem',
  'swap',
  'load1',
  'load5',
  'load15',
  'diskRead',
  'diskWrite',
  'netIn',
  'netOut',
  'tcp',
  'udp',
  'processes',
  'temperature',
  'gpu',
  'uptime',
  'rxBytes',
  'txBytes',
  // appended
  'cpuCoreMax',
];

const sample = (over: Partial<LiveSample> = {}): LiveSample => ({
  serverId: 's',
  time: 0,
  receivedAt: 0,
  live: true,
  cpuPercent: 10,
  memPercent: 20,
  disks: [
    { mountpoint: '/', totalGB: 10, usedGB: 5, usagePercent: 50 },
    { mountpoint: '/data', totalGB: 10, usedGB: 9, usagePercent: 90 },
  ],
  interfaces: [
    { name: 'eth0', downloadMbps: 1, uploadMbps: 2, rxBytes: 100, txBytes: 7 },
    { name: 'eth1', downloadMbps: 1, uploadMbps: 2, rxBytes: 50 },
  ],
  gpus: [
    { index: 0, utilizationPercent: 20, memoryUsedMB: 10, memoryTotalMB: 100, temperatureC: 50 },
    { index: 1, utilizationPercent: 80, memoryUsedMB: 60, memoryTotalMB: 100, temperatureC: 70 },
  ],
  ...over,
});

describe('metric registry', () => {
  it('keeps the stored order (append only)', () => {
    expect(STORED_METRICS.map((m) => m.key)).toEqual(STORED_ORDER);
  });

  it('has unique keys, a scale for every stored gauge and a known chart group', () => {
    const keys = ALL_METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of STORED_METRICS.filter((s) => s.kind === 'gauge')) expect(m.scale).toBeGreaterThan(0);
    const groups = new Set<string>(CHART_GROUPS.map((g) => g.id));
    for (const m of ALL_METRICS) if (m.chart) expect(groups.has(m.chart.group)).toBe(true);
    for (const m of ALL_METRICS) expect(m.sample !== undefined || m.derived !== undefined).toBe(true);
  });

  it('keeps the alert metric keys and threshold units the API accepted before', () => {
    expect(ALERT_METRICS).toEqual([
      'cpu',
      'mem',
      'swap',
      'load1',
      'load5',
      'load15',
      'disk',
      'diskRead',
      'diskWrite',
      'netIn',
      'netOut',
      'tcp',
      'udp',
      'processes',
      'temperature',
      'gpu',
      'gpuMemory',
      'gpuTemperature',
      'cpuCoreMax',
    ]);
    expect(ALERT_METRIC_UNITS.netIn).toEqual({
      unit: 'Mbit/s',
      units: { 'Kbit/s': 0.001, 'Mbit/s': 1, 'Gbit/s': 1000 },
    });
    expect(allowedUnits('diskRead')).toEqual(['MB/s', 'KB/s', 'MB/s', 'GB/s']);
    expect(allowedUnits('cpuCoreMax')).toEqual(['%']);
    const condition = { kind: 'metric', operator: '>', threshold: 90 };
    expect(metricConditionSchema.safeParse({ ...condition, metric: 'cpuCoreMax' }).success).toBe(true);
    expect(metricConditionSchema.safeParse({ ...condition, metric: 'cpu_percent' }).success).toBe(false);
  });

  it('names wire fields that exist in each dialect and frame', () => {
    const fields = (shape: object) => new Set(Object.keys(shape));
    const seed002 = fields(metricsPayloadSchema.shape);
    const seed001 = fields(simpleMetricsSchema.shape);
    const stream = fields(apiMetricsDataSchema.shape);
    const browser = fields(serverMetricsSummarySchema.shape);
    const samples = fields(liveSampleSchema.shape);
    for (const m of ALL_METRICS) {
      // a bare field name (not a described aggregate) must be a field of the payload
      const top = m.seed002.split(/[[.]/)[0]!;
      if (!/\s/.test(m.seed002)) expect([m.key, seed002.has(top)]).toEqual([m.key, true]);
      if (m.seed001 !== null && !/\s/.test(m.seed001))
        expect([m.key, seed001.has(m.seed001)]).toEqual([m.key, true]);
      if (m.stream !== null) expect([m.key, stream.has(m.stream)]).toEqual([m.key, true]);
      if (m.browser !== null) expect([m.key, browser.has(m.browser)]).toEqual([m.key, true]);
      if (m.sample !== undefined) expect([m.key, samples.has(m.sample)]).toEqual([m.key, true]);
    }
    expect(SAMPLE_GAUGE_FIELDS).toContain('cpuCoreMaxPercent');
  });

  it('draws the charts the console showed, plus the busiest core', () => {
    expect(CHARTS_OF_METRICS.map((c) => [c.id, c.metrics.map((m) => m.key)])).toEqual([
      ['cpu', ['cpu']],
      ['cpuCore', ['cpuCoreMax']],
      ['mem', ['mem']],
      ['load', ['load1']],
      ['net', ['netIn', 'netOut']],
      ['disk', ['diskRead', 'diskWrite']],
    ]);
  });
});

describe('metric readers', () => {
  const read = (key: string, s: LiveSample, mountpoint?: string) => ({
    record: recordReader(metricDef(key))(s, { mountpoint }),
    alert: alertReader(metricDef(key))(s, { mountpoint }),
  });

  it('reads gpu as the mean in records and the busiest GPU in alerts', () => {
    expect(read('gpu', sample())).toEqual({ record: 50, alert: 80 });
    expect(read('gpuMemory', sample()).alert).toBe(60);
    expect(read('gpuTemperature', sample()).alert).toBe(70);
    expect(read('gpu', sample({ gpus: [{ index: 0 }] }))).toEqual({ record: undefined, alert: undefined });
  });

  it('reads the fullest disk, or the one at a mount point', () => {
    expect(read('disk', sample()).alert).toBe(90);
    expect(read('disk', sample(), '/').alert).toBe(50);
    expect(read('disk', sample(), '/nope').alert).toBeUndefined();
  });

  it('sums byte counters over interfaces, saturating at 2^53 − 1', () => {
    expect(read('rxBytes', sample()).record).toBe(150);
    expect(read('txBytes', sample()).record).toBe(7);
    const huge = sample({
      interfaces: [
        { name: 'a', downloadMbps: 0, uploadMbps: 0, rxBytes: Number.MAX_SAFE_INTEGER },
        { name: 'b', downloadMbps: 0, uploadMbps: 0, rxBytes: 10 },
      ],
    });
    expect(read('rxBytes', huge).record).toBe(Number.MAX_SAFE_INTEGER);
    expect(read('rxBytes', sample({ interfaces: [] })).record).toBeUndefined();
  });

  it('reads plain sample fields, undefined when absent', () => {
    expect(read('cpu', sample()).record).toBe(10);
    expect(read('cpuCoreMax', sample({ cpuCoreMaxPercent: 97 }))).toEqual({ record: 97, alert: 97 });
    expect(read('cpuCoreMax', sample()).record).toBeUndefined();
  });
});

describe('seed-002 payload → sample fields', () => {
  const payload = metricsPayloadSchema.parse({
    cpuUsagePercent: 40,
    ramUsagePercent: 50,
    ramUsedGB: 1,
    uptimeSeconds: 9,
    normalizedLoad: { '1m': 0.5, '5m': 0.4, '15m': 0.3 },
    diskReadSpeedMBps: 1,
    diskWriteSpeedMBps: 2,
    diskUsage: [],
    networkInterfaces: [{ name: 'eth0', uploadSpeedMbps: 1.5, downloadSpeedMbps: 2.5 }],
    cpuPerCorePercent: [10, 95.5, 30],
    cpuTemperatureC: null,
  });

  it('copies plain fields, sums interfaces, takes the busiest core and leaves nulls out', () => {
    const into: Partial<LiveSample> = {};
    copySeed002Gauges(payload, into);
    expect(into).toEqual({
      cpuPercent: 40,
      memPercent: 50,
      load1: 0.5,
      load5: 0.4,
      load15: 0.3,
      diskReadMBps: 1,
      diskWriteMBps: 2,
      netInMbps: 2.5,
      netOutMbps: 1.5,
      uptimeSeconds: 9,
      cpuCoreMaxPercent: 95.5,
    });
  });

  it('leaves the busiest core out for an empty per-core list', () => {
    const into: Partial<LiveSample> = {};
    copySeed002Gauges({ ...payload, cpuPerCorePercent: [] }, into);
    expect(into.cpuCoreMaxPercent).toBeUndefined();
  });

  it('refuses a per-core list beyond the protocol cap', () => {
    const tooMany = { ...payload, cpuPerCorePercent: new Array<number>(4097).fill(1) };
    expect(metricsPayloadSchema.safeParse(tooMany).success).toBe(false);
  });
});

describe('docs/metrics.md', () => {
  it('is what the registry generates (npm run protocol:schemas rewrites it)', () => {
    const doc = readFileSync(path.resolve('docs/metrics.md'), 'utf8');
    expect(doc).toBe(metricTableMarkdown());
  });
});
