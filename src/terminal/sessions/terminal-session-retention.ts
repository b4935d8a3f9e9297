import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Not, IsNull, type Repository } from 'typeorm';
import { Clock } from '../../common/auth/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { TerminalSession } from '../terminal-session.entity.js';
import { RecordingFiles } from './recording-files.js';

const DAY_MS = 86_400_000;
const BATCH = 500;

/**
 * Terminal sessions and their recordings are kept as long as the audit trail
 * (`HIVEWATCH_AUDIT_RETENTION_DAYS`): once a day, ended sessions that started before that are
 * deleted, recording first (a row is never left pointing at nothing it claims to have).
 */
@Injectable()
export class TerminalSessionRetention {
  private readonly logger = new Logger(TerminalSessionRetention.name);

  constructor(
    @InjectRepository(TerminalSession) private readonly repo: Repository<TerminalSession>,
    private readonly files: RecordingFiles,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Cron('0 41 3 * * *')
  async daily(): Promise<void> {
    await this.sweep().catch((err: unknown) =>
      this.logger.error({ err }, 'terminal session retention failed'),
    );
  }

  /** Deletes expired sessions and recordings; returns how many sessions went. */
  async sweep(): Promise<number> {
    const cutoff = new Date(this.clock.now() - this.config.audit.retentionDays * DAY_MS);
    let deleted = 0;
    for (;;) {
      const rows = await this.repo.find({
        select: { id: true, recorded: true },
        where: { startedAt: LessThan(cutoff), endedAt: Not(IsNull()) },
        order: { startedAt: 'ASC' },
        take: BATCH,
      });
      if (rows.length === 0) break;
      for (const row of rows) if (row.recorded) await this.files.remove(row.id);
      await this.repo.delete({ id: In(rows.map((r) => r.id)) });
      deleted += rows.length;
      if (rows.length < BATCH) break;
    }
    if (deleted > 0) this.logger.log({ deleted, cutoff }, 'expired terminal sessions and recordings deleted');
    return deleted;
  }
}
