import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecordsWriteQueue } from '../../records/write-queue.js';
import { DockerEventRow } from '../entities/docker-event.entity.js';

const EVENTS_PER_STATEMENT = 5_000;
/** Events kept per server whatever their age (the newest). */
export const EVENTS_PER_SERVER_MAX = 10_000;

/** Stored container events past the hourly retention, or beyond the newest `perServerMax` of a server. */
@Injectable()
export class EventRetention {
  perServerMax = EVENTS_PER_SERVER_MAX;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: RecordsWriteQueue,
  ) {}

  async deleteServer(serverId: string): Promise<void> {
    await this.queue.run(() =>
      this.dataSource
        .createQueryBuilder()
        .delete()
        .from(DockerEventRow)
        .where('"serverId" = :serverId', { serverId })
        .execute(),
    );
  }

  async purge(cutoffMs: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.deleteEventIds(
        this.eventIds().where('e.at < :cutoff', { cutoff: cutoffMs }).limit(EVENTS_PER_STATEMENT),
      );
      deleted += n;
      if (n < EVENTS_PER_STATEMENT) break;
    }
    const crowded = await this.dataSource
      .getRepository(DockerEventRow)
      .createQueryBuilder('e')
      .select('e.serverId', 'serverId')
      .groupBy('e.serverId')
      .having('COUNT(*) > :max', { max: this.perServerMax })
      .getRawMany<{ serverId: string }>();
    for (const { serverId } of crowded) {
      for (;;) {
        const n = await this.deleteEventIds(
          this.eventIds()
            .where('e.serverId = :serverId', { serverId })
            .orderBy('e.at', 'DESC')
            .addOrderBy('e.id', 'DESC')
            .offset(this.perServerMax)
            .limit(EVENTS_PER_STATEMENT),
        );
        deleted += n;
        if (n < EVENTS_PER_STATEMENT) break;
      }
    }
    return deleted;
  }

  private eventIds() {
    return this.dataSource.getRepository(DockerEventRow).createQueryBuilder('e').select('e.id', 'id');
  }

  private async deleteEventIds(qb: ReturnType<EventRetention['eventIds']>): Promise<number> {
    const ids = (await qb.getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
    if (ids.length === 0) return 0;
    let deleted = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      deleted += await this.queue.run(
        async () =>
          (
            await this.dataSource
              .createQueryBuilder()
              .delete()
              .from(DockerEventRow)
              .where('"id" IN (:...part)', { part })
              .execute()
          ).affected ?? 0,
      );
    }
    return deleted;
  }
}
