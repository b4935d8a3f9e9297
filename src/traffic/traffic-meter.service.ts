import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RecordsService } from '../records/records.service.js';
import type { Sample } from '../records/sample.js';
import { TrafficLedger } from './traffic-ledger.js';
import { meter, type MeterState } from './traffic-meter.js';
import { TrafficState } from './traffic.entities.js';

/** Bytes of one server's current billing cycle, [start, end) in epoch ms. */
export interface CycleUsage {
  start: number;
  end: number;
  inBytes: number;
  outBytes: number;
}

/** What one flush writes: the bytes metered since the last one and the servers whose counters moved. */
export interface TrafficBatch {
  ledger: TrafficLedger;
  serverIds: string[];
}

/**
 * The in-memory hot path of traffic accounting: every live sample is metered (counter deltas or
 * integrated rates, see `meter`) and accumulated per hour and day until TrafficWriter takes it.
 * Also holds the cached current-cycle usage the alert evaluator reads, kept up to date per sample.
 */
@Injectable()
export class TrafficMeterService implements OnModuleInit, OnModuleDestroy {
  private readonly meters = new Map<string, MeterState>();
  private readonly dirtyMeters = new Set<string>();
  private pending = new TrafficLedger();
  /** Taken by a flush and not committed yet: still counted by cycle loads. */
  private inFlight = new TrafficLedger();
  private readonly usage = new Map<string, CycleUsage>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    @InjectRepository(TrafficState) private readonly states: Repository<TrafficState>,
    private readonly records: RecordsService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const s of await this.states.find()) {
      this.meters.set(s.serverId, {
        counters: s.counters,
        uptimeSeconds: s.uptimeSeconds,
        sampleAt: s.sampleAt.getTime(),
      });
    }
    this.unsubscribe = this.records.onSample((s) => this.ingest(s));
  }

  /** Stops metering (TrafficJobs flushes what is left on shutdown). */
  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Hot path: synchronous, in memory. Backfilled samples are skipped (counters catch up on the next live one). */
  ingest(sample: Sample): void {
    if (!sample.live) return;
    const prev = this.meters.get(sample.serverId);
    if (prev && sample.time <= prev.sampleAt) return;
    const { delta, next } = meter(prev, sample);
    this.meters.set(sample.serverId, next);
    this.dirtyMeters.add(sample.serverId);
    if (delta.inBytes === 0 && delta.outBytes === 0) return;
    this.pending.add(sample.serverId, sample.time, delta.inBytes, delta.outBytes);
    const cached = this.usage.get(sample.serverId);
    if (cached && sample.time >= cached.start && sample.time < cached.end) {
      cached.inBytes += delta.inBytes;
      cached.outBytes += delta.outBytes;
    }
  }

  /** What the next flush writes, or null when nothing changed; its bytes count as in flight until `settle`. */
  take(): TrafficBatch | null {
    if (this.pending.empty && this.dirtyMeters.size === 0) return null;
    this.inFlight = this.pending;
    this.pending = new TrafficLedger();
    const serverIds = [...this.dirtyMeters];
    this.dirtyMeters.clear();
    return { ledger: this.inFlight, serverIds };
  }

  /** The last counters of these servers, as traffic_state rows. */
  stateRows(serverIds: readonly string[]): TrafficState[] {
    const rows: TrafficState[] = [];
    for (const id of serverIds) {
      const s = this.meters.get(id);
      if (s)
        rows.push({
          serverId: id,
          counters: s.counters,
          uptimeSeconds: s.uptimeSeconds,
          sampleAt: new Date(s.sampleAt),
        });
    }
    return rows;
  }

  /** The taken batch is written: its bytes are now counted from the database. */
  settle(): void {
    this.inFlight = new TrafficLedger();
  }

  /** The taken batch could not be written: its bytes and counters go into the next flush. */
  restore(batch: TrafficBatch): void {
    this.pending.absorb(batch.ledger);
    for (const id of batch.serverIds) this.dirtyMeters.add(id);
    this.inFlight = new TrafficLedger();
  }

  /** Daily bytes of one server in [start, end) that are not in the database yet (pending or in flight). */
  unwritten(serverId: string, start: number, end: number): { inBytes: number; outBytes: number } {
    const a = this.pending.sum(serverId, start, end);
    const b = this.inFlight.sum(serverId, start, end);
    return { inBytes: a.inBytes + b.inBytes, outBytes: a.outBytes + b.outBytes };
  }

  /** The cached usage of the cycle containing `now`, if loaded. */
  cachedCycle(serverId: string, now: number): CycleUsage | undefined {
    const cached = this.usage.get(serverId);
    return cached && now >= cached.start && now < cached.end ? cached : undefined;
  }

  cacheCycle(serverId: string, usage: CycleUsage): void {
    this.usage.set(serverId, usage);
  }

  /** The cycle changed (new settings): the next read loads it again. */
  forgetCycle(serverId: string): void {
    this.usage.delete(serverId);
  }
}
