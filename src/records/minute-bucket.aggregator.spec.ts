import { describe, expect, it } from '@jest/globals';
import {
  BYTE_COUNTER_MAX,
  DISK_RATE_MBPS_MAX,
  MAX_INTERFACES,
  NET_RATE_MBITPS_MAX,
  UPTIME_SECONDS_MAX,
} from '@hivewatch/protocol';
import { COUNTERS, GAUGES, MAX_LABELS_PER_SERVER } from './metric-catalog.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { mergeValues, type RecordValues } from './record-values.js';
import { makeSample } from './samples.test-helper.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const S = '00000000-0000-4000-8000-000000000001';
const cpu = GAUGES.findIndex((g) => g.key === 'cpu');

function roundTrip(v: RecordValues): RecordValues {
  const labels: string[] = [];
  const data = encodeRecord(v, (l) => (labels.includes(l) ? labels.indexOf(l) : labels.push(l) - 1));
  return decodeRecord(v.n, data, labels);
}

describe('MinuteBucketAggregator', () => {
  it('keeps avg and max of gauges and the last counter value of each minute', () => {
    const agg = new MinuteBucketAggregator();
    agg.ingest(makeSample({ serverId: S, time: T0 + 1_000, cpuPercent: 10, uptimeSeconds: 100 }));
    // Arrives second but was taken last: its counters win.
    agg.ingest(makeSample({ serverId: S, time: T0 + 50_000, cpuPercent: 40, uptimeSeconds: 150 }));
    agg.ingest(makeSample({ serverId: S, time: T0 + 20_000, cpuPercent: 25, uptimeSeconds: 120 }));
    const [bucket] = agg.takeAll();
    const v = bucket!.toValues();
    expect(v.n).toBe(3);
    expect(v.avg[cpu]).toBeCloseTo(25);
    expect(v.max[cpu]).toBe(40);
    expect(v.counters[0]).toBe(150);
    expect(v.counters[1]).toBe(6e9); // rx bytes summed over interfaces
    expect(v.disks.get('disk:/')).toBe(40);
    expect(v.nets.get('net:eth0')).toEqual({ in: 3, out: 1 });
  });

  it('hands out only minutes that ended more than the grace period ago', () => {
    const agg = new MinuteBucketAggregator();
    agg.ingest(makeSample({ serverId: S, time: T0 + 59_000 }));
    agg.ingest(makeSample({ serverId: S, time: T0 + 61_000 }));
    expect(agg.takeClosed(T0 + 60_000 + 3_000, 5_000)).toHaveLength(0);
    const closed = agg.takeClosed(T0 + 60_000 + 6_000, 5_000);
    expect(closed.map((b) => b.minute)).toEqual([T0 / 60_000]);
    expect(agg.size()).toBe(1);
  });

  it('merges a late sample with the stored minute exactly like folding all samples at once', () => {
    const agg = new MinuteBucketAggregator();
    const samples = [12, 30, 18, 90].map((c, i) =>
      makeSample({ serverId: S, time: T0 + i * 10_000, cpuPercent: c, uptimeSeconds: 100 + i }),
    );
    for (const s of samples.slice(0, 3)) agg.ingest(s);
    const stored = roundTrip(agg.takeAll()[0]!.toValues());
    agg.ingest(samples[3]!); // late: the minute was already written
    const late = agg.takeAll()[0]!.toValues();
    const merged = roundTrip(mergeValues(stored, late, false));

    const once = new MinuteBucketAggregator();
    for (const s of samples) once.ingest(s);
    const expected = roundTrip(once.takeAll()[0]!.toValues());
    expect(merged).toEqual(expected);
    expect(merged.n).toBe(4);
    expect(merged.max[cpu]).toBe(90);
    expect(merged.counters[0]).toBe(103);
  });

  it('reports the highest seq with everything before it out of memory', () => {
    const agg = new MinuteBucketAggregator();
    agg.ingest(makeSample({ serverId: S, time: T0, seq: 1 }));
    agg.ingest(makeSample({ serverId: S, time: T0 + 30_000, seq: 2 }));
    agg.ingest(makeSample({ serverId: S, time: T0 + 65_000, seq: 3 }));
    expect(agg.settledSeq(S)).toBe(0);
    agg.takeClosed(T0 + 70_000, 5_000);
    expect(agg.settledSeq(S)).toBe(2);
    agg.takeAll();
    expect(agg.settledSeq(S)).toBe(3);
  });

  it('puts buckets back after a failed write without losing samples that arrived meanwhile', () => {
    const agg = new MinuteBucketAggregator();
    agg.ingest(makeSample({ serverId: S, time: T0, cpuPercent: 10 }));
    const taken = agg.takeAll();
    agg.ingest(makeSample({ serverId: S, time: T0 + 1_000, cpuPercent: 30 }));
    agg.putBack(taken);
    const [bucket] = agg.takeAll();
    expect(bucket!.n).toBe(2);
    expect(bucket!.toValues().avg[cpu]).toBeCloseTo(20);
  });
});

describe('MinuteBucket limits', () => {
  const interfaces = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ name: `veth${from + i}`, downloadMbps: 1, uploadMbps: 1 }));

  it('holds at most MAX_LABELS_PER_SERVER filesystems and interfaces per minute and counts the rest', () => {
    const agg = new MinuteBucketAggregator();
    // Three frames of 512 new interface names each: 1,536 names plus the 2 disks of makeSample.
    for (let f = 0; f < 3; f++)
      agg.ingest(makeSample({ serverId: S, time: T0 + f * 1_000, interfaces: interfaces(f * 512, 512) }));
    const [bucket] = agg.takeAll();
    expect(bucket!.disks.size + bucket!.nets.size).toBe(MAX_LABELS_PER_SERVER);
    expect(bucket!.droppedLabels).toBe(3 * 512 + 2 - MAX_LABELS_PER_SERVER);
    expect(bucket!.nets.get('net:veth0')).toEqual({ n: 1, inSum: 1, outSum: 1 });
    expect(bucket!.n).toBe(3);
  });

  it('keeps the sums of a minute of samples at every maximum finite', () => {
    const agg = new MinuteBucketAggregator();
    const top = interfaces(0, MAX_INTERFACES).map((i) => ({
      ...i,
      downloadMbps: NET_RATE_MBITPS_MAX,
      uploadMbps: NET_RATE_MBITPS_MAX,
      rxBytes: BYTE_COUNTER_MAX,
      txBytes: BYTE_COUNTER_MAX,
    }));
    // One sample every 10 ms for a minute: far more than any agent sends.
    for (let t = 0; t < 60_000; t += 10)
      agg.ingest(
        makeSample({
          serverId: S,
          time: T0 + t,
          cpuPercent: 100,
          diskReadMBps: DISK_RATE_MBPS_MAX,
          netInMbps: NET_RATE_MBITPS_MAX * MAX_INTERFACES,
          uptimeSeconds: UPTIME_SECONDS_MAX,
          interfaces: top,
        }),
      );
    const v = agg.takeAll()[0]!.toValues();
    for (const x of [...v.avg, ...v.max, ...v.counters])
      if (x !== null) expect(Number.isFinite(x)).toBe(true);
    // The counters' sum over 512 interfaces saturates at the largest exact value instead of overflowing.
    expect(v.counters[COUNTERS.findIndex((c) => c.key === 'rxBytes')]).toBe(Number.MAX_SAFE_INTEGER);
    const back = roundTrip(v);
    expect(back.avg[GAUGES.findIndex((g) => g.key === 'diskRead')]).toBe(DISK_RATE_MBPS_MAX);
    expect(back.nets.get('net:veth0')).toEqual({ in: NET_RATE_MBITPS_MAX, out: NET_RATE_MBITPS_MAX });
  });
});

describe('record codec', () => {
  it('round-trips values at the stored resolution and stays compact', () => {
    const agg = new MinuteBucketAggregator();
    for (let i = 0; i < 12; i++)
      agg.ingest(
        makeSample({
          serverId: S,
          time: T0 + i * 5_000,
          cpuPercent: 10 + i,
          gpus: [{ index: 0, utilizationPercent: 50 }],
        }),
      );
    const v = agg.takeAll()[0]!.toValues();
    const labels: string[] = [];
    const data = encodeRecord(v, (l) => labels.push(l) - 1);
    const back = decodeRecord(v.n, data, labels);
    expect(back.avg[cpu]).toBeCloseTo(15.5, 1);
    expect(back.max[cpu]).toBe(21);
    expect(back.avg[GAUGES.findIndex((g) => g.key === 'gpu')]).toBe(50);
    expect(back.counters).toEqual(v.counters);
    expect(back.nets.get('net:eth1')).toEqual({ in: 0.5, out: 0.5 });
    expect(data.length).toBeLessThan(90);
  });
});
