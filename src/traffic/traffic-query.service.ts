import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, type EntityManager, type Repository } from 'typeorm';
import { Clock } from '../common/auth/clock.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { ServerCatalog } from '../servers/server-catalog.js';
import { cycleBounds, project } from './billing-cycle.js';
import type { TrafficHistoryQuery, TrafficUsageView } from './dto/traffic.dto.js';
import { TrafficMeterService, type CycleUsage } from './traffic-meter.service.js';
import { TrafficSettingsService } from './traffic-settings.service.js';
import { TrafficDaily, TrafficHourly } from './traffic.entities.js';

/**
 * Reads traffic: current-cycle usage with its projection, hourly/daily history, and for the alert
 * evaluator the cached cycle usage (loaded once per cycle, then kept current by the meter).
 */
@Injectable()
export class TrafficQueryService {
  private readonly logger = new Logger(TrafficQueryService.name);
  private readonly loading = new Set<string>();

  constructor(
    @InjectRepository(TrafficHourly) private readonly hourly: Repository<TrafficHourly>,
    @InjectRepository(TrafficDaily) private readonly daily: Repository<TrafficDaily>,
    private readonly servers: ServerCatalog,
    private readonly meter: TrafficMeterService,
    private readonly settings: TrafficSettingsService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** For the evaluator, in memory: the current cycle's bytes, or undefined while being loaded. */
  cycleUsage(serverId: string, now: number): { inBytes: number; outBytes: number } | undefined {
    const cached = this.meter.cachedCycle(serverId, now);
    if (cached) return cached;
    if (!this.loading.has(serverId)) {
      this.loading.add(serverId);
      void this.loadCycle(serverId, now)
        .catch((err: unknown) => this.logger.error({ err, serverId }, 'could not load cycle usage'))
        .finally(() => this.loading.delete(serverId));
    }
    return undefined;
  }

  async usageView(serverId: string): Promise<TrafficUsageView> {
    await this.servers.assertExists(serverId);
    const now = this.clock.now();
    const quotaBytes = await this.settings.quotaOf(serverId);
    const settings = this.settings.cycleOf(serverId);
    const usage = await this.tx.run((m) => this.sumCycle(m, serverId, now));
    const bounds = { start: usage.start, end: usage.end };
    const total = usage.inBytes + usage.outBytes;
    return {
      serverId,
      cycle: settings.cycle,
      startDay: settings.startDay,
      quotaBytes,
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
    await this.servers.assertExists(serverId);
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

  private async loadCycle(serverId: string, now: number): Promise<void> {
    const usage = await this.tx.run((m) => this.sumCycle(m, serverId, now));
    this.meter.cacheCycle(serverId, usage);
  }

  /** Stored daily rows of the cycle + bytes not written yet. Inside a transaction (no flush in between on SQLite). */
  private async sumCycle(m: EntityManager, serverId: string, now: number): Promise<CycleUsage> {
    const { start, end } = cycleBounds(this.settings.cycleOf(serverId), now);
    const raw = await m
      .createQueryBuilder(TrafficDaily, 'd')
      .select('COALESCE(SUM(d.inBytes), 0)', 'inBytes')
      .addSelect('COALESCE(SUM(d.outBytes), 0)', 'outBytes')
      .where('d.serverId = :serverId AND d.day >= :start AND d.day < :end', { serverId, start, end })
      .getRawOne<{ inBytes: string | number; outBytes: string | number }>();
    const unwritten = this.meter.unwritten(serverId, start, end);
    return {
      start,
      end,
      inBytes: Number(raw?.inBytes ?? 0) + unwritten.inBytes,
      outBytes: Number(raw?.outBytes ?? 0) + unwritten.outBytes,
    };
  }
}
