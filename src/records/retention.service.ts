import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import { RecordStore } from './record.store.js';
import { RetentionSettingsService } from './retention-settings.service.js';
import { SeriesRegistry } from './series.registry.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time-units.js';
import { RecordsWriteQueue } from './write-queue.js';

/** The cutoffs of one retention run: rows before them go (Unix minute / hour, as the records key them). */
export interface RetentionCutoffs {
  now: number;
  minuteBefore: number;
  hourBefore: number;
}

/** Another feature's rows that follow the servers' retention (e.g. src/docker); returns rows deleted. */
export type RetentionParticipant = (cutoffs: RetentionCutoffs) => Promise<number>;

export interface RetentionResult {
  minuteRows: number;
  hourlyRows: number;
  statements: number;
}

/**
 * Deletes record rows past retention in bounded batches: each statement removes at most
 * `batchSize` rows of one series (one row per minute or hour, so a key range of `batchSize`
 * units), and the writer queue is released between statements so flushes are never starved.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  batchSize = 5_000;
  private readonly participants = new Set<RetentionParticipant>();

  constructor(
    private readonly store: RecordStore,
    private readonly series: SeriesRegistry,
    private readonly settings: RetentionSettingsService,
    private readonly queue: RecordsWriteQueue,
    private readonly clock: Clock,
  ) {}

  /** Runs `purge` after the records' own rows at every enforcement; returns the function that removes it. */
  addParticipant(purge: RetentionParticipant): () => void {
    this.participants.add(purge);
    return () => this.participants.delete(purge);
  }

  async enforce(): Promise<RetentionResult> {
    const now = this.clock.now();
    const { minuteDays, hourlyDays } = await this.settings.get();
    const minuteCutoff = Math.floor((now - minuteDays * DAY_MS) / MINUTE_MS);
    const hourCutoff = Math.floor((now - hourlyDays * DAY_MS) / HOUR_MS);
    const result: RetentionResult = { minuteRows: 0, hourlyRows: 0, statements: 0 };
    for (const seriesId of await this.series.allIds()) {
      result.minuteRows += await this.purge('minute', seriesId, minuteCutoff, result);
      result.hourlyRows += await this.purge('hour', seriesId, hourCutoff, result);
    }
    for (const purge of this.participants) {
      await purge({ now, minuteBefore: minuteCutoff, hourBefore: hourCutoff }).catch((err: unknown) =>
        this.logger.error({ err }, 'retention of another feature failed'),
      );
    }
    if (result.minuteRows + result.hourlyRows > 0)
      this.logger.log(
        `retention deleted ${result.minuteRows} minute and ${result.hourlyRows} hourly row(s) in ${result.statements} statement(s)`,
      );
    return result;
  }

  private async purge(
    table: 'minute' | 'hour',
    seriesId: number,
    cutoff: number,
    result: RetentionResult,
  ): Promise<number> {
    let deleted = 0;
    for (;;) {
      const oldest = await this.store.oldest(table, seriesId);
      if (oldest === null || oldest >= cutoff) return deleted;
      const to = Math.min(oldest + this.batchSize, cutoff);
      deleted += await this.queue.run(() => this.store.deleteRange(table, seriesId, oldest, to));
      result.statements++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
