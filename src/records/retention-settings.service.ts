import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AnonymousActor, Principal } from '../common/auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import { SettingsStore } from '../database/settings.store.js';
import {
  retentionSchema,
  type Retention,
  type RetentionUpdate,
  type RetentionView,
} from './dto/retention.dto.js';

const KEY = 'records.retention';

/** Retention per record table: stored in `configs` (shared by every hub), defaults from the config. */
@Injectable()
export class RetentionSettingsService {
  private readonly logger = new Logger(RetentionSettingsService.name);

  constructor(
    private readonly settings: SettingsStore,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<RetentionView> {
    const defaults = { ...this.config.records.retention };
    return { ...defaults, ...(await this.stored()), defaults };
  }

  async update(
    change: RetentionUpdate,
    actor: Principal | AnonymousActor,
    ip: string | null,
  ): Promise<RetentionView> {
    const before = await this.get();
    const next: Retention = {
      minuteDays: change.minuteDays ?? before.minuteDays,
      hourlyDays: change.hourlyDays ?? before.hourlyDays,
    };
    await this.settings.set(KEY, JSON.stringify(next));
    await this.audit.record({
      actor,
      ip,
      action: 'settings.retention.update',
      target: { type: 'settings', id: KEY },
      detail: { before: { minuteDays: before.minuteDays, hourlyDays: before.hourlyDays }, after: next },
    });
    return { ...next, defaults: before.defaults };
  }

  private async stored(): Promise<Partial<Retention>> {
    const raw = await this.settings.get(KEY);
    if (raw === null) return {};
    const parsed = retentionSchema.partial().safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
    this.logger.warn('stored retention settings are invalid; using the configured defaults');
    return {};
  }
}
