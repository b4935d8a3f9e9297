import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { RecordSeries } from './record-series.entity.js';

export interface SeriesInfo {
  id: number;
  serverId: string;
  labels: string[];
  index: Map<string, number>;
  /** A label was appended and must be saved with the rows that use it. */
  labelsChanged: boolean;
}

const CHUNK = 500;

/** serverId ↔ integer series id and its label dictionary, cached (the hub is the only writer). */
@Injectable()
export class SeriesRegistry {
  private readonly byServer = new Map<string, SeriesInfo>();
  private readonly byId = new Map<number, SeriesInfo>();

  constructor(@InjectRepository(RecordSeries) private readonly repo: Repository<RecordSeries>) {}

  /** The series of a server, or null when nothing was ever recorded for it. */
  async find(serverId: string, manager?: EntityManager): Promise<SeriesInfo | null> {
    const cached = this.byServer.get(serverId);
    if (cached) return cached;
    const row = await (manager?.getRepository(RecordSeries) ?? this.repo).findOneBy({ serverId });
    return row ? this.remember(row) : null;
  }

  async findById(id: number, manager?: EntityManager): Promise<SeriesInfo | null> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const row = await (manager?.getRepository(RecordSeries) ?? this.repo).findOneBy({ id });
    return row ? this.remember(row) : null;
  }

  /** Series for every server, created when missing (inside the caller's transaction). */
  async ensure(manager: EntityManager, serverIds: readonly string[]): Promise<Map<string, SeriesInfo>> {
    const out = new Map<string, SeriesInfo>();
    const missing: string[] = [];
    for (const id of serverIds) {
      const s = this.byServer.get(id);
      if (s) out.set(id, s);
      else missing.push(id);
    }
    const repo = manager.getRepository(RecordSeries);
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK);
      await repo
        .createQueryBuilder()
        .insert()
        .values(chunk.map((serverId) => ({ serverId, labels: [], createdAt: new Date() })))
        .orIgnore()
        .updateEntity(false)
        .execute();
      for (const row of await repo.findBy({ serverId: In(chunk) })) out.set(row.serverId, this.remember(row));
    }
    return out;
  }

  /** The label's index in the series dictionary, appending it when new. */
  labelIndex(series: SeriesInfo, label: string): number {
    let i = series.index.get(label);
    if (i === undefined) {
      i = series.labels.length;
      series.labels.push(label);
      series.index.set(label, i);
      series.labelsChanged = true;
    }
    return i;
  }

  async saveLabels(manager: EntityManager, series: Iterable<SeriesInfo>): Promise<void> {
    for (const s of series) {
      if (!s.labelsChanged) continue;
      await manager.getRepository(RecordSeries).update({ id: s.id }, { labels: s.labels });
      s.labelsChanged = false;
    }
  }

  /** Every series id (retention walks them). */
  async allIds(): Promise<number[]> {
    const rows = await this.repo.find({ select: { id: true }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** Drops the cache, e.g. after a rolled-back transaction may have left unsaved labels in it. */
  invalidate(): void {
    this.byServer.clear();
    this.byId.clear();
  }

  private remember(row: RecordSeries): SeriesInfo {
    const info: SeriesInfo = {
      id: row.id,
      serverId: row.serverId,
      labels: [...row.labels],
      index: new Map(row.labels.map((l, i) => [l, i])),
      labelsChanged: false,
    };
    this.byServer.set(info.serverId, info);
    this.byId.set(info.id, info);
    return info;
  }
}
