import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { Clock } from '../common/auth/clock.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { TrafficMeterService } from './traffic-meter.service.js';
import { addBytes } from './traffic-writes.js';
import { TrafficHourly, TrafficState } from './traffic.entities.js';

/**
 * Writes what the meter accumulated: hourly and daily additions plus the last counters, in one
 * transaction per flush. A failed write gives the bytes back to the meter for the next flush.
 */
@Injectable()
export class TrafficWriter {
  private readonly logger = new Logger(TrafficWriter.name);

  constructor(
    private readonly meter: TrafficMeterService,
    @InjectRepository(TrafficHourly) private readonly hourly: Repository<TrafficHourly>,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** One transaction: hourly and daily additions plus the last counters. */
  async flush(): Promise<void> {
    const batch = this.meter.take();
    if (!batch) return;
    try {
      await this.tx.run(async (m) => {
        await addBytes(m, 'traffic_hourly', 'hour', [...batch.ledger.hourly.values()]);
        await addBytes(m, 'traffic_daily', 'day', [...batch.ledger.daily.values()]);
        const rows = this.meter.stateRows(batch.serverIds);
        if (rows.length > 0) await m.upsert(TrafficState, rows, ['serverId']);
        this.meter.settle();
      });
    } catch (err) {
      // keep the bytes for the next flush
      this.meter.restore(batch);
      this.logger.error({ err }, 'traffic flush failed; will retry');
    }
  }

  /** Hourly rows older than the hourly-record retention go; daily rows are small and kept. */
  async enforceRetention(hourlyDays: number): Promise<number> {
    const cutoff = this.clock.now() - hourlyDays * 86_400_000;
    const result = await this.hourly.delete({ hour: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
