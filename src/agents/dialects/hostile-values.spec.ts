import { describe, expect, it } from '@jest/globals';
import {
  BYTE_COUNTER_MAX,
  DISK_RATE_MBPS_MAX,
  NET_RATE_MBITPS_MAX,
  NORMALIZED_LOAD_MAX,
  SIZE_GB_MAX,
  UPTIME_SECONDS_MAX,
} from '@hivewatch/protocol';
import { COUNTERS, GAUGES } from '../../records/metric-catalog.js';
import { MinuteBucketAggregator } from '../../records/minute-bucket.aggregator.js';
import { decodeRecord, encodeRecord } from '../../records/record-codec.js';
import type { RecordValues } from '../../records/record-values.js';
import type { InboundFrame } from './dialect-adapter.js';
import { EnvelopeAdapter } from './envelope.adapter.js';
import { SimpleAdapter, SIMPLE_INVALID_FORMAT } from './simple.adapter.js';
import { seedMetrics } from '../../../test/support/agents/seed-agent.js';

/**
 * Out-of-range numbers: `cpuUsagePercent: 1e308` once hung the hub at the next minute flush and
 * `1e300` corrupted the stored minute. Frame text → adapter (schema + mapper) → aggregator → record codec.
 */
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const gauge = (key: string) => GAUGES.findIndex((g) => g.key === key);

const payload = seedMetrics;
const envelopeText = (p: unknown) =>
  JSON.stringify({ type: 'event', action: 'metrics', payload: p, timestamp: T0 });

/** What the hub would store for these frames: folded, packed and read back. */
function stored(frames: InboundFrame[]): RecordValues {
  const agg = new MinuteBucketAggregator();
  for (const f of frames) {
    if (f.kind !== 'metrics') throw new Error(`expected a metrics frame, got ${JSON.stringify(f)}`);
    agg.ingest({ ...f.sample, time: T0 });
  }
  const values = agg.takeAll()[0]!.toValues();
  const labels: string[] = [];
  const data = encodeRecord(values, (l) => (labels.includes(l) ? labels.indexOf(l) : labels.push(l) - 1));
  return decodeRecord(values.n, data, labels);
}

describe('hostile numbers through the envelope dialect', () => {
  const adapter = new EnvelopeAdapter();

  it.each([
    ['1e308', 'cpuUsagePercent', 'payload.cpuUsagePercent: must be <= 100.5'],
    ['1e300', 'cpuUsagePercent', 'payload.cpuUsagePercent: must be <= 100.5'],
    ['1e300', 'uptimeSeconds', `payload.uptimeSeconds: must be <= ${UPTIME_SECONDS_MAX}`],
    ['1e300', 'diskReadSpeedMBps', `payload.diskReadSpeedMBps: must be <= ${DISK_RATE_MBPS_MAX}`],
    ['1e999', 'ramUsedGB', 'payload.ramUsedGB: expected number, received Infinity'],
  ])(
    'refuses %s in %s as a bad frame naming the field, answered with an error frame',
    (literal, field, message) => {
      // Raw text: 1e999 is valid JSON that parses to Infinity.
      const text = envelopeText(payload({ [field]: 'HOSTILE' })).replace('"HOSTILE"', literal);
      const frame = adapter.decode(text, 's1', T0);
      expect(frame).toEqual({ kind: 'bad', reason: 'schema', message, action: 'metrics' });
      const reply = JSON.parse(
        adapter.encodeBadFrame(frame as Extract<InboundFrame, { kind: 'bad' }>, T0),
      ) as unknown;
      expect(JSON.stringify(reply)).toContain(message);
    },
  );

  it('refuses 1e300 in a nested interface counter', () => {
    const p = payload({
      networkInterfaces: [{ name: 'eth0', uploadSpeedMbps: 1, downloadSpeedMbps: 1, netRxBytes: 1e300 }],
    });
    expect(adapter.decode(envelopeText(p), 's1', T0)).toMatchObject({
      kind: 'bad',
      message: `payload.networkInterfaces[0].netRxBytes: must be <= ${BYTE_COUNTER_MAX}`,
    });
  });

  it('stores the largest accepted values intact, and a 100.4 % overshoot as 100 %', () => {
    const top = payload({
      cpuUsagePercent: 100.4,
      ramUsedGB: SIZE_GB_MAX,
      uptimeSeconds: UPTIME_SECONDS_MAX,
      normalizedLoad: { '1m': NORMALIZED_LOAD_MAX, '5m': NORMALIZED_LOAD_MAX, '15m': NORMALIZED_LOAD_MAX },
      diskReadSpeedMBps: DISK_RATE_MBPS_MAX,
      networkInterfaces: [
        {
          name: 'eth0',
          uploadSpeedMbps: NET_RATE_MBITPS_MAX,
          downloadSpeedMbps: NET_RATE_MBITPS_MAX,
          netRxBytes: BYTE_COUNTER_MAX,
          netTxBytes: 0,
        },
      ],
    });
    const v = stored([
      adapter.decode(envelopeText(top), 's1', T0),
      adapter.decode(envelopeText(payload()), 's1', T0),
    ]);
    expect(v.max[gauge('cpu')]).toBe(100);
    expect(v.avg[gauge('cpu')]).toBeCloseTo((100 + 12.5) / 2, 1);
    expect(v.max[gauge('load1')]).toBe(NORMALIZED_LOAD_MAX);
    expect(v.max[gauge('diskRead')]).toBe(DISK_RATE_MBPS_MAX);
    expect(v.max[gauge('netIn')]).toBe(NET_RATE_MBITPS_MAX);
    // Counters keep the latest sample's value: the second frame reports no byte counters.
    expect(v.counters[COUNTERS.findIndex((c) => c.key === 'uptime')]).toBe(3600);
    const onlyTop = stored([adapter.decode(envelopeText(top), 's1', T0)]);
    expect(onlyTop.counters[COUNTERS.findIndex((c) => c.key === 'uptime')]).toBe(UPTIME_SECONDS_MAX);
    expect(onlyTop.counters[COUNTERS.findIndex((c) => c.key === 'rxBytes')]).toBe(BYTE_COUNTER_MAX);
  });
});

describe('hostile numbers through the simple dialect', () => {
  const adapter = new SimpleAdapter();
  const text = (over: Record<string, unknown>) =>
    JSON.stringify({ type: 'metrics', cpu_percent: 1, memory_percent: 2, ...over });

  it('refuses cpu_percent 1e308 and a 1e300 disk size with the seed-001 error frame', () => {
    for (const over of [{ cpu_percent: 1e308 }, { disk_usage: [{ mountpoint: '/', total_gb: 1e300 }] }]) {
      const frame = adapter.decode(text(over), 's1', T0);
      expect(frame).toMatchObject({ kind: 'bad', reason: 'schema' });
      expect(adapter.encodeBadFrame()).toBe(SIMPLE_INVALID_FORMAT);
    }
    expect(adapter.decode(text({ cpu_percent: 1e308 }), 's1', T0)).toMatchObject({
      message: 'cpu_percent: must be <= 100.5',
    });
  });

  it('stores a filesystem whose used size exceeds its total as 100 % used, not 10^17 %', () => {
    const frame = adapter.decode(
      text({ disk_usage: [{ mountpoint: '/', total_gb: 1e-9, used_gb: SIZE_GB_MAX }] }),
      's1',
      T0,
    );
    expect(stored([frame]).disks.get('disk:/')).toBe(100);
  });
});
