import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Clock } from '../common/auth/clock.js';
import { ServerCatalog } from '../servers/server-catalog.js';
import { DEFAULT_CYCLE, type CycleSettings } from './billing-cycle.js';
import type { TrafficSettingsInput } from './dto/traffic.dto.js';
import { TrafficMeterService } from './traffic-meter.service.js';
import { TrafficSettings } from './traffic.entities.js';

/** Billing cycle and quota per server: stored in traffic_settings, cycles also kept in memory. */
@Injectable()
export class TrafficSettingsService implements OnModuleInit {
  private readonly settings = new Map<string, CycleSettings>();

  constructor(
    @InjectRepository(TrafficSettings) private readonly repo: Repository<TrafficSettings>,
    private readonly servers: ServerCatalog,
    private readonly meter: TrafficMeterService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const s of await this.repo.find())
      this.settings.set(s.serverId, { cycle: s.cycle, startDay: s.startDay });
  }

  /** The server's billing cycle (monthly from day 1 unless set). */
  cycleOf(serverId: string): CycleSettings {
    return this.settings.get(serverId) ?? DEFAULT_CYCLE;
  }

  /** The quota in bytes, or null when none is set. */
  async quotaOf(serverId: string): Promise<number | null> {
    const row = await this.repo.findOneBy({ serverId });
    return row?.quotaBytes ?? null;
  }

  async update(serverId: string, input: TrafficSettingsInput, ctx: ActorContext): Promise<void> {
    await this.servers.assertExists(serverId);
    await this.repo.upsert({ serverId, ...input, updatedAt: new Date(this.clock.now()) }, ['serverId']);
    this.settings.set(serverId, { cycle: input.cycle, startDay: input.startDay });
    this.meter.forgetCycle(serverId);
    await this.audit.record({
      ...ctx,
      action: 'traffic.settings',
      target: { type: 'server', id: serverId },
      detail: { ...input },
    });
  }
}
