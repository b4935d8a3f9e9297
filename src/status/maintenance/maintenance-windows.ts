import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThan, type Repository } from 'typeorm';
import { Clock } from '../../common/auth/clock.js';
import { MaintenanceWindow } from '../entities/maintenance-window.entity.js';
import { StatusPageComponent } from '../entities/status-page.entity.js';

const REFRESH_MS = 60_000;

interface Held {
  start: number;
  end: number;
  serverIds: ReadonlySet<string>;
}

/**
 * Current and future maintenance windows by the servers they cover, in memory, so the alert
 * evaluator can ask on every tick without a query. Reloaded after every admin change to windows
 * or pages (StatusAdmin calls {@link reload}) and once a minute.
 */
@Injectable()
export class MaintenanceWindows implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MaintenanceWindows.name);
  private held: Held[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(MaintenanceWindow) private readonly windows: Repository<MaintenanceWindow>,
    @InjectRepository(StatusPageComponent) private readonly components: Repository<StatusPageComponent>,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload(), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Whether a window covering one of the server's components is active at `at` (ms). */
  isUnderMaintenance(serverId: string, at: number): boolean {
    for (const w of this.held) if (w.start <= at && at < w.end && w.serverIds.has(serverId)) return true;
    return false;
  }

  /** Re-reads the windows that have not ended; never rejects (a failure keeps the previous view). */
  async reload(): Promise<void> {
    try {
      const rows = await this.windows.findBy({ endsAt: MoreThan(new Date(this.clock.now())) });
      const ids = [...new Set(rows.flatMap((r) => r.componentIds))];
      const comps = ids.length ? await this.components.findBy({ id: In(ids) }) : [];
      const serverOf = new Map(comps.map((c) => [c.id, c.serverId]));
      this.held = rows.map((r) => ({
        start: r.startsAt.getTime(),
        end: r.endsAt.getTime(),
        serverIds: new Set(r.componentIds.map((id) => serverOf.get(id)).filter((s): s is string => !!s)),
      }));
    } catch (err) {
      this.logger.error({ err }, 'could not load maintenance windows');
    }
  }
}
