import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, LessThan, type EntityManager, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { RecordsService } from '../records/records.service.js';
import type { Sample } from '../records/sample.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Server } from '../servers/server.entity.js';
import { cycleBounds, DEFAULT_CYCLE, project, type CycleSettings } from './billing-cycle.js';
import type { TrafficHistoryQuery, TrafficSettingsInput, TrafficUsageView } from './dto/traffic.dto.js';
import { TrafficLedger } from './traffic-ledger.js';
import { meter, type MeterState } from './traffic-meter.js';
import { addBytes } from './traffic-writes.js';
import { TrafficDaily, TrafficHourly, TrafficSettings, TrafficState } from './traffic.entities.js';

interface CycleUsage {
  start: number;
  end: number;
  inBytes: number;
  outBytes: number;
}

/**
 * Traffic accounting: every live sample is metered in memory (counter deltas or integrated rates),
 * accumulated per hour and day, and written with the last counters every flush period. The
 * current-cycle usage of each server is cached for the alert evaluator (loaded once per cycle).
 */
@Injectable()
export class TrafficService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TrafficService.name);
  private readonly meters = new Map<string, MeterState>();
  private readonly dirtyMeters = new Set<string>();
  private pending = new TrafficLedger();
  /** Taken by a flush and not committed yet: still counted by cycle loads. */
  private inFlight = new TrafficLedger();
  private readonly settings = new Map<string, CycleSettings>();
  private readonly usage = new Map<string, CycleUsage>();
  private readonly loading = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    @InjectRepository(TrafficState) private readonly states: Repository<TrafficState>,
    @InjectRepository(TrafficSettings) private readonly settingsRepo: Repository<TrafficSettings>,
    @InjectRepository(TrafficHourly) private readonly hourly: Repository<TrafficHourly>,
    @InjectRepository(TrafficDaily) private readonly daily: Repository<TrafficDaily>,
    @InjectRepository(Server) private readonly servers: Repository<Server>,
    private readonly records: RecordsService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const s of await this.states.find()) {
      this.meters.set(s.serverId, {
        counters: s.counters,
        uptimeSeconds: s.uptimeSeconds,
        sampleAt: s.sampleAt.getTime(),
      });
    }
    for (const s of await this.settingsRepo.find())
      this.settings.set(s.serverId, { cycle: s.cycle, startDay: s.startDay });
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

  /** One transaction: hourly and daily additions plus the last counters. */
  async flush(): Promise<void> {
    if (this.pending.empty && this.dirtyMeters.size === 0) return;
    this.inFlight = this.pending;
    this.pending = new TrafficLedger();
    const ids = [...this.dirtyMeters];
    this.dirtyMeters.clear();
    const flushing = this.inFlight;
    try {
      await this.tx.run(async (m) => {
        await addBytes(m, 'traffic_hourly', 'hour', [...flushing.hourly.values()]);
        await addBytes(m, 'traffic_daily', 'day', [...flushing.daily.values()]);
        await this.saveMeters(m, ids);
        this.inFlight = new TrafficLedger();
      });
    } catch (err) {
      // keep the bytes for the next flush
      for (const row of flushing.hourly.values())
        this.pending.hourly.set(`${row.serverId}|${row.at}`, mergeRow(this.pending.hourly, row));
      for (const row of flushing.daily.values())
        this.pending.daily.set(`${row.serverId}|${row.at}`, mergeRow(this.pending.daily, row));
      for (const id of ids) this.dirtyMeters.add(id);
      this.inFlight = new TrafficLedger();
      this.logger.error({ err }, 'traffic flush failed; will retry');
    }
  }

  /** Hourly rows older than the hourly-record retention go; daily rows are small and kept. */
  async enforceRetention(hourlyDays: number): Promise<number> {
    const cutoff = this.clock.now() - hourlyDays * 86_400_000;
    const result = await this.hourly.delete({ hour: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  /** For the evaluator, in memory: the current cycle's bytes, or undefined while being loaded. */
  cycleUsage(serverId: string, now: number): { inBytes: number; outBytes: number } | undefined {
    const cached = this.usage.get(serverId);
    if (cached && now >= cached.start && now < cached.end) return cached;
    if (!this.loading.has(serverId)) {
      this.loading.add(serverId);
      void this.loadCycle(serverId, now)
        .catch((err: unknown) => this.logger.error({ err, serverId }, 'could not load cycle usage'))
        .finally(() => this.loading.delete(serverId));
    }
    return undefined;
  }

  async usageView(serverId: string): Promise<TrafficUsageView> {
    await this.assertServer(serverId);
    const now = this.clock.now();
    const row = await this.settingsRepo.findOneBy({ serverId });
    const settings = this.settingsOf(serverId);
    const usage = await this.tx.run((m) => this.sumCycle(m, serverId, now));
    const bounds = { start: usage.start, end: usage.end };
    const total = usage.inBytes + usage.outBytes;
    return {
      serverId,
      cycle: settings.cycle,
      startDay: settings.startDay,
      quotaBytes: row?.quotaBytes ?? null,
      cycleStart: new Date(usage.start).toISOString(),
      cycleEnd: new Date(usage.end).toISOString(),
      inBytes: usage.inBytes,
      outBytes: usage.outBytes,
      totalBytes: total,
      projectedInBytes: project(usage.inBytes, bounds, now),
      projectedOutBytes: project(usage.outBytes, bounds, now),
      projectedTotalBytes: project(total, bounds, now),
    };
  }

  async history(serverId: string, q: TrafficHistoryQuery) {
    await this.assertServer(serverId);
    const to = q.to?.getTime() ?? this.clock.now();
    const from = q.from?.getTime() ?? to - (q.resolution === 'hourly' ? 86_400_000 : 31 * 86_400_000);
    const rows =
      q.resolution === 'hourly'
        ? (
            await this.hourly.find({ where: { serverId, hour: Between(from, to) }, order: { hour: 'ASC' } })
          ).map((r) => ({
            t: r.hour,
            inBytes: r.inBytes,
            outBytes: r.outBytes,
          }))
        : (await this.daily.find({ where: { serverId, day: Between(from, to) }, order: { day: 'ASC' } })).map(
            (r) => ({
              t: r.day,
              inBytes: r.inBytes,
              outBytes: r.outBytes,
            }),
          );
    return { serverId, resolution: q.resolution, from, to, points: rows };
  }

  async updateSettings(
    serverId: string,
    input: TrafficSettingsInput,
    ctx: ActorContext,
  ): Promise<TrafficUsageView> {
    await this.assertServer(serverId);
    await this.settingsRepo.upsert({ serverId, ...input, updatedAt: new Date(this.clock.now()) }, [
      'serverId',
    ]);
    this.settings.set(serverId, { cycle: input.cycle, startDay: input.startDay });
    this.usage.delete(serverId);
    await this.audit.record({
      ...ctx,
      action: 'traffic.settings',
      target: { type: 'server', id: serverId },
      detail: { ...input },
    });
    return this.usageView(serverId);
  }

  private settingsOf(serverId: string): CycleSettings {
    return this.settings.get(serverId) ?? DEFAULT_CYCLE;
  }

  private async loadCycle(serverId: string, now: number): Promise<void> {
    const usage = await this.tx.run((m) => this.sumCycle(m, serverId, now));
    this.usage.set(serverId, usage);
  }

  /** Stored daily rows of the cycle + bytes not written yet. Inside a transaction (no flush in between on SQLite). */
  private async sumCycle(m: EntityManager, serverId: string, now: number): Promise<CycleUsage> {
    const { start, end } = cycleBounds(this.settingsOf(serverId), now);
    const raw = await m
      .createQueryBuilder(TrafficDaily, 'd')
      .select('COALESCE(SUM(d.inBytes), 0)', 'inBytes')
      .addSelect('COALESCE(SUM(d.outBytes), 0)', 'outBytes')
      .where('d.serverId = :serverId AND d.day >= :start AND d.day < :end', { serverId, start, end })
      .getRawOne<{ inBytes: string | number; outBytes: string | number }>();
    const a = this.pending.sum(serverId, start, end);
    const b = this.inFlight.sum(serverId, start, end);
    return {
      start,
      end,
      inBytes: Number(raw?.inBytes ?? 0) + a.inBytes + b.inBytes,
      outBytes: Number(raw?.outBytes ?? 0) + a.outBytes + b.outBytes,
    };
  }

  private async saveMeters(m: EntityManager, ids: string[]): Promise<void> {
    const rows: TrafficState[] = [];
    for (const id of ids) {
      const s = this.meters.get(id);
      if (s)
        rows.push({
          serverId: id,
          counters: s.counters,
          uptimeSeconds: s.uptimeSeconds,
          sampleAt: new Date(s.sampleAt),
        });
    }
    if (rows.length > 0) await m.upsert(TrafficState, rows, ['serverId']);
  }

  private async assertServer(serverId: string): Promise<void> {
    if (!(await this.servers.existsBy({ id: serverId }))) throw new EntityNotFoundError('server', serverId);
  }
}

function mergeRow(
  map: Map<string, { serverId: string; at: number; inBytes: number; outBytes: number }>,
  row: { serverId: string; at: number; inBytes: number; outBytes: number },
) {
  const existing = map.get(`${row.serverId}|${row.at}`);
  return existing
    ? { ...row, inBytes: row.inBytes + existing.inBytes, outBytes: row.outBytes + existing.outBytes }
    : { ...row };
}
