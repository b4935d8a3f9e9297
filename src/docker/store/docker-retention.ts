import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { HubEvents } from '../../common/events/hub-events.js';
import { RetentionService, type RetentionCutoffs } from '../../records/retention.service.js';
import { RecordsWriteQueue } from '../../records/write-queue.js';
import { ContainerHour, ContainerMinute } from '../entities/container-figures.entity.js';
import { DockerContainer } from '../entities/docker-container.entity.js';
import { ContainerRegistry } from '../ingest/container-registry.js';
import { EventRetention } from './event-retention.js';

const HOUR_MS = 3_600_000;
/** Containers per delete statement: at steady state an hour of minutes each (≤ 6,000 rows). */
const KEYS_PER_STATEMENT = 100;
const KEY_PAGE = 1_000;

/**
 * Container rows follow the servers' retention (RetentionService calls `purge` after the records):
 * minute rows by the minute retention, hour rows, events and the rows of containers removed (or
 * not seen) before the hourly cutoff by the hourly retention (events: EventRetention).
 * Every statement is bounded and runs on the records' write queue. A deleted server's rows go at once.
 */
@Injectable()
export class DockerRetention implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DockerRetention.name);
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly retention: RetentionService,
    private readonly queue: RecordsWriteQueue,
    private readonly registry: ContainerRegistry,
    private readonly events: HubEvents,
    private readonly eventRetention: EventRetention,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.retention.addParticipant((c) => this.purge(c)),
      this.events.on('server.deleted', ({ serverId }) => {
        this.deleteServer(serverId).catch((err: unknown) =>
          this.logger.error({ err, serverId }, 'could not delete the containers of a deleted server'),
        );
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  async purge({ minuteBefore, hourBefore }: RetentionCutoffs): Promise<number> {
    let deleted = 0;
    for (let after = 0; ;) {
      const keys = await this.keyPage(after);
      if (keys.length === 0) break;
      after = keys[keys.length - 1]!;
      for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) {
        const part = keys.slice(i, i + KEYS_PER_STATEMENT);
        deleted += await this.deleteFigures(ContainerMinute, 'minute', part, minuteBefore);
        deleted += await this.deleteFigures(ContainerHour, 'hour', part, hourBefore);
      }
    }
    deleted += await this.purgeContainers(hourBefore * HOUR_MS);
    deleted += await this.eventRetention.purge(hourBefore * HOUR_MS);
    if (deleted > 0) this.logger.log(`docker retention deleted ${deleted} row(s)`);
    return deleted;
  }

  async deleteServer(serverId: string): Promise<void> {
    for (;;) {
      const rows = await this.dataSource
        .getRepository(DockerContainer)
        .find({ where: { serverId }, select: { key: true }, take: KEY_PAGE });
      if (rows.length === 0) break;
      await this.dropContainers(rows.map((r) => r.key));
    }
    await this.eventRetention.deleteServer(serverId);
  }

  private async keyPage(after: number): Promise<number[]> {
    const raw = await this.dataSource
      .getRepository(DockerContainer)
      .createQueryBuilder('c')
      .select('c.key', 'key')
      .where('c.key > :after', { after })
      .orderBy('c.key', 'ASC')
      .limit(KEY_PAGE)
      .getRawMany<{ key: number | string }>();
    return raw.map((r) => Number(r.key));
  }

  private deleteFigures(
    entity: EntityTarget<ObjectLiteral>,
    column: 'minute' | 'hour',
    keys: readonly number[],
    before: number | null,
  ): Promise<number> {
    return this.queue.run(async () => {
      const qb = this.dataSource
        .createQueryBuilder()
        .delete()
        .from(entity)
        .where('"containerKey" IN (:...keys)', { keys });
      if (before !== null) qb.andWhere(`"${column}" < :before`, { before });
      return (await qb.execute()).affected ?? 0;
    });
  }

  /**
   * Containers removed, or last seen, before the cutoff: their figure rows and their row. A present
   * container this process saw since is kept (its row's lastSeenAt is written once a minute).
   */
  private async purgeContainers(cutoffMs: number): Promise<number> {
    let deleted = 0;
    for (let after = 0; ;) {
      const raw = await this.dataSource
        .getRepository(DockerContainer)
        .createQueryBuilder('c')
        .select('c.key', 'key')
        .addSelect('c.serverId', 'serverId')
        .addSelect('c.containerId', 'containerId')
        .where('((c.removedAt IS NOT NULL AND c.removedAt < :cutoff) OR c.lastSeenAt < :cutoff)', {
          cutoff: cutoffMs,
        })
        .andWhere('c.key > :after', { after })
        .orderBy('c.key', 'ASC')
        .limit(KEY_PAGE)
        .getRawMany<{ key: number | string; serverId: string; containerId: string }>();
      if (raw.length === 0) return deleted;
      after = Number(raw[raw.length - 1]!.key);
      const stale = raw.filter((r) => !this.registry.seenSince(r.serverId, r.containerId, cutoffMs));
      if (stale.length > 0) deleted += await this.dropContainers(stale.map((r) => Number(r.key)));
    }
  }

  private async dropContainers(keys: number[]): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) {
      const part = keys.slice(i, i + KEYS_PER_STATEMENT);
      deleted += await this.deleteFigures(ContainerMinute, 'minute', part, null);
      deleted += await this.deleteFigures(ContainerHour, 'hour', part, null);
      deleted += await this.queue.run(
        async () =>
          (
            await this.dataSource
              .createQueryBuilder()
              .delete()
              .from(DockerContainer)
              .where('"key" IN (:...part)', { part })
              .execute()
          ).affected ?? 0,
      );
    }
    this.registry.dropKeys(new Set(keys));
    return deleted;
  }
}
