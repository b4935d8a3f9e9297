import type {
  ContainerListQuery,
  ContainerSnapshot,
  ContainerView,
  ServerContainers,
} from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { ServerCatalog } from '../../servers/server-catalog.js';
import { DockerLiveState, type DockerSnapshot } from '../docker-live.service.js';
import { DockerContainer } from '../entities/docker-container.entity.js';
import { snapshotOfRow } from '../store/container-row.js';

/** Removed containers a server's list still shows: those gone in the last day. */
const SERVER_LIST_REMOVED_MS = 24 * 60 * 60_000;
/** Rows a server's list returns at most (the newest rows). */
const SERVER_LIST_MAX = 4096;

/**
 * Container lists for REST: the stored rows (present and removed, the same whatever process wrote
 * them), with the live snapshot's fields and figures over them for containers the last
 * `docker-stats` listed. Never anything from the engine's inspect (environment, labels).
 */
@Injectable()
export class ContainerViews {
  private readonly indexes = new WeakMap<DockerSnapshot, Map<string, ContainerSnapshot>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly servers: ServerCatalog,
    private readonly live: DockerLiveState,
  ) {}

  async ofServer(serverId: string, now: number): Promise<ServerContainers> {
    await this.servers.assertExists(serverId);
    const rows = await this.repo()
      .createQueryBuilder('c')
      .where('c.serverId = :serverId', { serverId })
      .andWhere('(c.removedAt IS NULL OR c.removedAt >= :since)', { since: now - SERVER_LIST_REMOVED_MS })
      .orderBy('c.key', 'DESC')
      .limit(SERVER_LIST_MAX)
      .getMany();
    const snapshot = this.live.snapshot(serverId);
    const views = rows.map((r) => this.view(r));
    views.sort((a, b) => Number(a.removedAt !== null) - Number(b.removedAt !== null) || cmp(a.name, b.name));
    return {
      available: snapshot?.available ?? null,
      error: snapshot?.error ?? null,
      updatedAt: snapshot ? new Date(snapshot.at).toISOString() : null,
      containers: views,
    };
  }

  /** Fleet search over the servers the caller may see (every server: the hub has no per-user scoping). */
  async search(q: ContainerListQuery): Promise<{ items: ContainerView[]; total: number }> {
    const qb = this.repo().createQueryBuilder('c');
    if (q.serverId !== undefined) qb.andWhere('c.serverId = :serverId', { serverId: q.serverId });
    if (q.state !== undefined) qb.andWhere('c.state = :state', { state: q.state });
    if (q.health !== undefined) qb.andWhere('c.health = :health', { health: q.health });
    if (q.includeRemoved !== 'true') qb.andWhere('c.removedAt IS NULL');
    if (q.q) this.matchText(qb, q.q);
    const [rows, total] = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.serverId', 'ASC')
      .addOrderBy('c.key', 'ASC')
      .skip(q.offset)
      .take(q.limit)
      .getManyAndCount();
    return { items: rows.map((r) => this.view(r)), total };
  }

  private matchText(qb: SelectQueryBuilder<DockerContainer>, text: string): void {
    const needle = text.toLowerCase();
    const like = `%${needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const serverIds = this.servers
      .list()
      .filter((s) => s.name.toLowerCase().includes(needle))
      .map((s) => s.id)
      .slice(0, 10_000);
    qb.andWhere(
      new Brackets((w) => {
        w.where(`LOWER(c.name) LIKE :like ESCAPE '\\'`, { like }).orWhere(
          `LOWER(c.image) LIKE :like ESCAPE '\\'`,
          {
            like,
          },
        );
        if (serverIds.length > 0) w.orWhere('c.serverId IN (:...serverIds)', { serverIds });
      }),
    );
  }

  private view(r: DockerContainer): ContainerView {
    const snapshot = this.live.snapshot(r.serverId);
    const live =
      r.removedAt === null && snapshot?.available ? this.index(snapshot).get(r.containerId) : undefined;
    const base = live ?? snapshotOfRow(r);
    return {
      ...base,
      serverId: r.serverId,
      serverName: this.servers.get(r.serverId)?.name ?? '',
      firstSeenAt: new Date(r.firstSeenAt).toISOString(),
      lastSeenAt: new Date(live ? Math.max(snapshot!.at, r.lastSeenAt) : r.lastSeenAt).toISOString(),
      removedAt: r.removedAt === null ? null : new Date(r.removedAt).toISOString(),
    };
  }

  private index(snapshot: DockerSnapshot): Map<string, ContainerSnapshot> {
    let map = this.indexes.get(snapshot);
    if (!map) this.indexes.set(snapshot, (map = new Map(snapshot.containers.map((c) => [c.id, c]))));
    return map;
  }

  private repo() {
    return this.dataSource.getRepository(DockerContainer);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
