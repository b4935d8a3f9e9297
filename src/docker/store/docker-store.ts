import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { DockerContainer } from '../entities/docker-container.entity.js';
import { ContainerHour, ContainerMinute } from '../entities/container-figures.entity.js';
import { DockerEventRow } from '../entities/docker-event.entity.js';
import type { FigureRow } from '../figures/container-figures.js';

/** Keeps every statement under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;
/** Columns an upsert of a container row overwrites (never key nor firstSeenAt). */
const ROW_UPDATE = [
  'name',
  'image',
  'state',
  'health',
  'restartCount',
  'exitCode',
  'ports',
  'createdAt',
  'startedAt',
  'lastSeenAt',
  'removedAt',
];
const FIGURE_COLUMNS = [
  'n',
  'running',
  'figures',
  'cpu',
  'cpuMax',
  'mem',
  'memMax',
  'memLimit',
  'netRx',
  'netTx',
  'blkRead',
  'blkWrite',
  'pids',
] as const;

export type FigureTable = 'minute' | 'hour';
const FIGURE_ENTITY = { minute: ContainerMinute, hour: ContainerHour } as const;

export interface StoredFigures extends FigureRow {
  containerKey: number;
  at: number;
}

/** SQL of the Docker tables, the same on both dialects (TypeORM builds the statements). */
@Injectable()
export class DockerStore {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async upsertContainers(m: EntityManager, rows: readonly Omit<DockerContainer, 'key'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await m
        .createQueryBuilder()
        .insert()
        .into(DockerContainer)
        .values(rows.slice(i, i + CHUNK))
        .orUpdate(ROW_UPDATE, ['serverId', 'containerId'])
        .updateEntity(false)
        .execute();
    }
  }

  /** Keys of these containers of one server. */
  async keysOf(
    m: EntityManager,
    serverId: string,
    containerIds: readonly string[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < containerIds.length; i += CHUNK) {
      const raw = await m
        .createQueryBuilder(DockerContainer, 'c')
        .select('c.key', 'key')
        .addSelect('c.containerId', 'containerId')
        .where('c.serverId = :serverId', { serverId })
        .andWhere('c.containerId IN (:...ids)', { ids: containerIds.slice(i, i + CHUNK) })
        .getRawMany<{ key: number | string; containerId: string }>();
      for (const r of raw) out.set(r.containerId, Number(r.key));
    }
    return out;
  }

  /** Every container still present (removedAt null), for the registry at start. */
  present(): Promise<DockerContainer[]> {
    return this.dataSource.getRepository(DockerContainer).find({ where: { removedAt: IsNull() } });
  }

  async touchLastSeen(m: EntityManager, serverId: string, at: number): Promise<void> {
    await m
      .createQueryBuilder()
      .update(DockerContainer)
      .set({ lastSeenAt: at })
      .where('"serverId" = :serverId AND "removedAt" IS NULL AND "lastSeenAt" < :at', { serverId, at })
      .execute();
  }

  /** Rows of these keys at one period (what a write must merge with). */
  async figuresAt(
    m: EntityManager,
    table: FigureTable,
    at: number,
    keys: readonly number[],
  ): Promise<StoredFigures[]> {
    const out: StoredFigures[] = [];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const part = keys.slice(i, i + CHUNK);
      out.push(
        ...(
          await this.figureQuery(m, table)
            .where(`f.${table} = :at`, { at })
            .andWhere('f.containerKey IN (:...part)', { part })
            .getRawMany<RawFigures>()
        ).map(toStored),
      );
    }
    return out;
  }

  /** Rows of these keys with `from <= at <= to`, oldest first. */
  async figureRange(
    table: FigureTable,
    keys: readonly number[],
    from: number,
    to: number,
    m: EntityManager = this.dataSource.manager,
  ): Promise<StoredFigures[]> {
    const out: StoredFigures[] = [];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const part = keys.slice(i, i + CHUNK);
      const raw = await this.figureQuery(m, table)
        .where('f.containerKey IN (:...part)', { part })
        .andWhere(`f.${table} BETWEEN :from AND :to`, { from, to })
        .orderBy(`f.${table}`, 'ASC')
        .getRawMany<RawFigures>();
      out.push(...raw.map(toStored));
    }
    return out;
  }

  /**
   * One multi-row `INSERT … ON CONFLICT DO UPDATE` per chunk, written by hand: the same SQL on both
   * dialects, and a fraction of the query builder's cost per row (this runs for every running
   * container every minute).
   */
  async upsertFigures(m: EntityManager, table: FigureTable, rows: readonly StoredFigures[]): Promise<void> {
    const postgres = this.dataSource.options.type === 'postgres';
    const columns = ['containerKey', table, ...FIGURE_COLUMNS];
    const head = `INSERT INTO "docker_container_${table}s" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
    const tail =
      ` ON CONFLICT ("containerKey", "${table}") DO UPDATE SET ` +
      FIGURE_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(', ');
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const params: (number | null)[] = [];
      const tuples = part.map((r) => {
        const first = params.length;
        params.push(r.containerKey, r.at, r.n, r.running, r.figures, r.cpu, r.cpuMax, r.mem, r.memMax);
        params.push(r.memLimit, r.netRx, r.netTx, r.blkRead, r.blkWrite, r.pids);
        const marks = columns.map((_, j) => (postgres ? `$${first + j + 1}` : '?'));
        return `(${marks.join(', ')})`;
      });
      await m.query(head + tuples.join(', ') + tail, params);
    }
  }

  async insertEvents(m: EntityManager, rows: readonly Omit<DockerEventRow, 'id'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await m
        .createQueryBuilder()
        .insert()
        .into(DockerEventRow)
        .values(rows.slice(i, i + CHUNK))
        .updateEntity(false)
        .execute();
    }
  }

  private figureQuery(m: EntityManager, table: FigureTable) {
    const qb = m
      .createQueryBuilder(FIGURE_ENTITY[table], 'f')
      .select('f.containerKey', 'containerKey')
      .addSelect(`f.${table}`, 'at');
    for (const c of FIGURE_COLUMNS) qb.addSelect(`f.${c}`, c);
    return qb;
  }
}

type RawFigures = Record<'containerKey' | 'at' | (typeof FIGURE_COLUMNS)[number], string | number | null>;

function toStored(r: RawFigures): StoredFigures {
  const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
  return {
    containerKey: Number(r.containerKey),
    at: Number(r.at),
    n: Number(r.n),
    running: Number(r.running),
    figures: Number(r.figures),
    cpu: num(r.cpu),
    cpuMax: num(r.cpuMax),
    mem: num(r.mem),
    memMax: num(r.memMax),
    memLimit: num(r.memLimit),
    netRx: num(r.netRx),
    netTx: num(r.netTx),
    blkRead: num(r.blkRead),
    blkWrite: num(r.blkWrite),
    pids: num(r.pids),
  };
}
