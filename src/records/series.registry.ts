import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { Clock } from '../common/auth/clock.js';
import { MAX_LABELS_PER_SERVER } from './metric-catalog.js';
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
/** At most one "labels dropped" warning per server per this long. */
const DROP_WARNING_EVERY_MS = 10 * 60_000;

/**
 * serverId ↔ integer series id and its label dictionary, cached (the hub is the only writer).
 * A dictionary holds at most MAX_LABELS_PER_SERVER labels: past that, new filesystems and
 * interfaces of that server are left out of its records, counted, and warned about at most once
 * per server every 10 minutes. The label list is written only when it changed, so a full
 * dictionary is never rewritten.
 */
@Injectable()
export class SeriesRegistry {
  private readonly logger = new Logger(SeriesRegistry.name);
  private readonly byServer = new Map<string, SeriesInfo>();
  private readonly byId = new Map<number, SeriesInfo>();
  private readonly lastDropWarning = new Map<string, number>();
  private labelsDroppedTotal = 0;

  constructor(
    @InjectRepository(RecordSeries) private readonly repo: Repository<RecordSeries>,
    private readonly clock: Clock,
  ) {}

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

  /**
   * The label's index in the series dictionary, appending it when new; undefined when the
   * dictionary is full (the caller leaves that entry out).
   */
  labelIndex(series: SeriesInfo, label: string): number | undefined {
    let i = series.index.get(label);
    if (i === undefined) {
      if (series.labels.length >= MAX_LABELS_PER_SERVER) {
        this.noteDroppedLabels(series.serverId, 1);
        return undefined;
      }
      i = series.labels.length;
      series.labels.push(label);
      series.index.set(label, i);
      series.labelsChanged = true;
    }
    return i;
  }

  /** Counts entries left out for lack of room, with a rate-limited warning per server. */
  noteDroppedLabels(serverId: string, count: number): void {
    if (count <= 0) return;
    this.labelsDroppedTotal += count;
    const now = this.clock.now();
    const last = this.lastDropWarning.get(serverId);
    if (last !== undefined && now - last < DROP_WARNING_EVERY_MS) return;
    this.lastDropWarning.set(serverId, now);
    this.logger.warn(
      { serverId, limit: MAX_LABELS_PER_SERVER, droppedTotal: this.labelsDroppedTotal },
      `server ${serverId} reports more than ${MAX_LABELS_PER_SERVER} distinct filesystems/interfaces; ` +
        'new ones are not recorded',
    );
  }

  /** Filesystem / interface entries left out of records since start (all servers). */
  labelsDropped(): number {
    return this.labelsDroppedTotal;
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
