import { BadRequestException, Injectable } from '@nestjs/common';
import type { ContainerHistory, ContainerHistoryQuery } from '@hivewatch/protocol';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EntityNotFoundError } from '../../common/errors/domain-errors.js';
import { ServerCatalog } from '../../servers/server-catalog.js';
import { DockerContainer } from '../entities/docker-container.entity.js';
import { toPoint, type FigureRow } from '../figures/container-figures.js';
import { ContainerRegistry } from '../ingest/container-registry.js';
import { DockerStore } from '../store/docker-store.js';
import { foldHours } from '../store/hour-rollup.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const AUTO_MINUTE_LIMIT_MS = 48 * HOUR_MS;
const MINUTE_RANGE_MAX_MS = 31 * DAY_MS;
const HOUR_RANGE_MAX_MS = 3660 * DAY_MS;

/**
 * One container's figures over time: stored minute or hour rows, plus what is still in memory (the
 * open minute) and the hours not rolled up yet (computed from their minutes), so charts are live.
 */
@Injectable()
export class ContainerHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly servers: ServerCatalog,
    private readonly store: DockerStore,
    private readonly registry: ContainerRegistry,
  ) {}

  async query(
    serverId: string,
    containerId: string,
    q: ContainerHistoryQuery,
    now: number,
  ): Promise<ContainerHistory> {
    await this.servers.assertExists(serverId);
    const to = q.to?.getTime() ?? now;
    const from = q.from?.getTime() ?? to - 24 * HOUR_MS;
    if (from > to) throw new BadRequestException('from must not be after to');
    const resolution =
      q.resolution === 'auto' ? (to - from <= AUTO_MINUTE_LIMIT_MS ? 'minute' : 'hour') : q.resolution;
    if (resolution === 'minute' && to - from > MINUTE_RANGE_MAX_MS)
      throw new BadRequestException('minute resolution covers at most 31 days; use resolution=hour');
    if (to - from > HOUR_RANGE_MAX_MS) throw new BadRequestException('a history covers at most 10 years');
    const key = await this.keyOf(serverId, containerId);
    const rows =
      resolution === 'minute'
        ? await this.minutes(
            serverId,
            containerId,
            key,
            Math.floor(from / MINUTE_MS),
            Math.floor(to / MINUTE_MS),
          )
        : await this.hours(key, Math.floor(from / HOUR_MS), Math.floor(to / HOUR_MS), now);
    const unit = resolution === 'minute' ? MINUTE_MS : HOUR_MS;
    const points = [...rows].sort((a, b) => a[0] - b[0]).map(([at, row]) => toPoint(at * unit, row));
    return {
      serverId,
      containerId,
      resolution,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points,
    };
  }

  private async keyOf(serverId: string, containerId: string): Promise<number> {
    const known = this.registry.find(serverId, containerId)?.key;
    if (known !== undefined && known !== null) return known;
    const row = await this.dataSource
      .getRepository(DockerContainer)
      .findOne({ where: { serverId, containerId }, select: { key: true } });
    if (!row) throw new EntityNotFoundError('container', containerId);
    return row.key;
  }

  private async minutes(
    serverId: string,
    containerId: string,
    key: number,
    from: number,
    to: number,
  ): Promise<Map<number, FigureRow>> {
    const out = new Map<number, FigureRow>();
    for (const { at, containerKey: _k, ...row } of await this.store.figureRange('minute', [key], from, to))
      out.set(at, row);
    const open = this.registry.find(serverId, containerId)?.bucket;
    if (open && open.period >= from && open.period <= to && open.worthKeeping)
      out.set(open.period, open.toRow());
    return out;
  }

  private async hours(key: number, from: number, to: number, now: number): Promise<Map<number, FigureRow>> {
    const out = new Map<number, FigureRow>();
    for (const { at, containerKey: _k, ...row } of await this.store.figureRange('hour', [key], from, to))
      out.set(at, row);
    // the last two hours may not be rolled up yet: computed from their minutes
    const recent = Math.max(from, Math.floor(now / HOUR_MS) - 1);
    if (recent <= to) {
      const minutes = await this.store.figureRange('minute', [key], recent * 60, to * 60 + 59);
      for (let hour = recent; hour <= to; hour++) {
        const folded = foldHours(
          minutes.filter((m) => Math.floor(m.at / 60) === hour),
          hour,
        )[0];
        if (folded) {
          const { at: _a, containerKey: _c, ...row } = folded;
          out.set(hour, row);
        }
      }
    }
    return out;
  }
}
