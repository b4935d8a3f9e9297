import {
  COUNTER_COUNT,
  COUNTERS,
  DISK_PREFIX,
  GAUGE_COUNT,
  GAUGES,
  MAX_LABELS_PER_SERVER,
  NET_PREFIX,
} from './metric-catalog.js';
import { emptyValues, type RecordValues } from './record-values.js';
import type { Sample } from './sample.js';

interface NetAccumulator {
  n: number;
  inSum: number;
  outSum: number;
}

/**
 * Running aggregates of one server's samples for one minute: O(1) per sample and no allocation
 * per sample once the bucket (and its per-disk / per-interface entries) exist.
 */
export class MinuteBucket {
  n = 0;
  readonly sum = new Float64Array(GAUGE_COUNT);
  readonly max = new Float64Array(GAUGE_COUNT).fill(-Infinity);
  readonly count = new Uint32Array(GAUGE_COUNT);
  readonly counters = new Float64Array(COUNTER_COUNT).fill(NaN);
  private counterTime = -Infinity;
  private diskTime = -Infinity;
  readonly disks = new Map<string, number>();
  readonly nets = new Map<string, NetAccumulator>();
  /** Outbox sequence numbers folded here (protocol-2 agents), for durable acknowledgement. */
  minSeq = Infinity;
  /**
   * Filesystem / interface entries left out because the bucket already held
   * MAX_LABELS_PER_SERVER names: a server cannot grow one minute's memory without bound.
   */
  droppedLabels = 0;

  constructor(
    readonly serverId: string,
    readonly minute: number,
  ) {}

  fold(s: Sample): void {
    this.n++;
    for (let i = 0; i < GAUGE_COUNT; i++) {
      const v = GAUGES[i]!.read(s);
      if (v === undefined || !Number.isFinite(v)) continue;
      this.sum[i]! += v;
      this.count[i]!++;
      if (v > this.max[i]!) this.max[i] = v;
    }
    // Counters and filesystem usage keep the value of the latest sample, even if it arrived early.
    if (s.time >= this.counterTime) {
      this.counterTime = s.time;
      for (let i = 0; i < COUNTER_COUNT; i++) {
        const v = COUNTERS[i]!.read(s);
        if (v !== undefined && Number.isFinite(v)) this.counters[i] = v;
      }
    }
    if (s.time >= this.diskTime) {
      this.diskTime = s.time;
      for (const d of s.disks) {
        const key = DISK_PREFIX + d.mountpoint;
        if (this.disks.has(key) || this.hasRoom()) this.disks.set(key, d.usagePercent);
      }
    }
    for (const itf of s.interfaces) {
      const key = NET_PREFIX + itf.name;
      let acc = this.nets.get(key);
      if (!acc) {
        if (!this.hasRoom()) continue;
        acc = { n: 0, inSum: 0, outSum: 0 };
        this.nets.set(key, acc);
      }
      acc.n++;
      acc.inSum += itf.downloadMbps;
      acc.outSum += itf.uploadMbps;
    }
    if (s.seq !== undefined && s.seq < this.minSeq) this.minSeq = s.seq;
  }

  /** True when one more filesystem or interface name fits; counts the refusal otherwise. */
  private hasRoom(): boolean {
    if (this.disks.size + this.nets.size < MAX_LABELS_PER_SERVER) return true;
    this.droppedLabels++;
    return false;
  }

  /** Takes in another bucket of the same server and minute (a failed flush being put back). */
  absorb(other: MinuteBucket): void {
    this.n += other.n;
    for (let i = 0; i < GAUGE_COUNT; i++) {
      this.sum[i]! += other.sum[i]!;
      this.count[i]! += other.count[i]!;
      if (other.max[i]! > this.max[i]!) this.max[i] = other.max[i]!;
    }
    if (other.counterTime >= this.counterTime) {
      this.counterTime = other.counterTime;
      for (let i = 0; i < COUNTER_COUNT; i++)
        if (!Number.isNaN(other.counters[i]!)) this.counters[i] = other.counters[i]!;
    }
    if (other.diskTime >= this.diskTime) {
      this.diskTime = other.diskTime;
      for (const [k, v] of other.disks) this.disks.set(k, v);
    }
    for (const [k, o] of other.nets) {
      const acc = this.nets.get(k);
      if (!acc) this.nets.set(k, { ...o });
      else {
        acc.n += o.n;
        acc.inSum += o.inSum;
        acc.outSum += o.outSum;
      }
    }
    this.minSeq = Math.min(this.minSeq, other.minSeq);
    this.droppedLabels += other.droppedLabels;
  }

  toValues(): RecordValues {
    const v = emptyValues();
    v.n = this.n;
    for (let i = 0; i < GAUGE_COUNT; i++) {
      const c = this.count[i]!;
      if (c === 0) continue;
      v.avg[i] = this.sum[i]! / c;
      v.max[i] = this.max[i]!;
    }
    for (let i = 0; i < COUNTER_COUNT; i++) {
      const c = this.counters[i]!;
      if (!Number.isNaN(c)) v.counters[i] = c;
    }
    for (const [k, u] of this.disks) v.disks.set(k, u);
    for (const [k, a] of this.nets) {
      v.nets.set(k, { in: a.inSum / a.n, out: a.outSum / a.n });
    }
    return v;
  }
}
