import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ServerMetricsSummary } from '@hivewatch/protocol';
import { LastRecords, type LastRecord } from '../records/last-records.service.js';
import { ServerDirectory } from './server-directory.js';
import { storedSummary } from './stored-figures.js';

/**
 * Each server's last figures as the records keep them, read once when the hub starts (one query
 * for all servers), so an offline server's card shows what it last reported after a hub restart,
 * as it does for a server that went away while the hub ran. A live sample always wins over them.
 */
@Injectable()
export class LastFigures implements OnModuleInit {
  private readonly logger = new Logger(LastFigures.name);
  private readonly figures = new Map<string, ServerMetricsSummary>();

  constructor(
    private readonly records: LastRecords,
    private readonly directory: ServerDirectory,
  ) {}

  async onModuleInit(): Promise<void> {
    const started = performance.now();
    // without them the cards say "no figures recorded": a failed read must not stop the hub
    const last = await this.records.all().catch((err: unknown) => {
      this.logger.error({ err }, 'could not read the last stored figures');
      return new Map<string, LastRecord>();
    });
    for (const [serverId, record] of last) {
      const summary = storedSummary(record, this.directory.get(serverId)?.lastSeenAt ?? null);
      if (summary) this.figures.set(serverId, summary);
    }
    const ms = Math.round(performance.now() - started);
    this.logger.log({ servers: this.figures.size, ms }, 'last stored figures loaded');
  }

  get(serverId: string): ServerMetricsSummary | undefined {
    return this.figures.get(serverId);
  }

  /** A deleted server. */
  forget(serverId: string): void {
    this.figures.delete(serverId);
  }
}
