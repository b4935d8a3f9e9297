import { TransactionRunner } from '../database/transaction-runner.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DirtyHour } from './dirty-hour.entity.js';
import { HourlyRecord } from './hourly-record.entity.js';
import { SLOW_EVERY_MINUTES } from './metric-catalog.js';
import { MinuteRecord } from './minute-record.entity.js';
import { PackedColumn } from './packed-column.js';

/** A stored record before decoding: `at` is the Unix minute or hour. */
export interface StoredRow {
  seriesId: number;
  at: number;
  n: number;
  data: Uint8Array;
}

export interface RowToWrite {
  seriesId: number;
  at: number;
  n: number;
  data: Buffer;
}

/** A series' stored minute row with its server and label dictionary (see newestMinutes). */
export interface NewestMinuteRow extends StoredRow {
  serverId: string;
  labels: string[];
}

/** Keeps every statement under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

type Table = 'minute' | 'hour';
const ENTITY = { minute: MinuteRecord, hour: HourlyRecord } as const;

/** SQL for the record tables, the same on both dialects (TypeORM builds the upserts). */
@Injectable()
export class RecordStore {
  private readonly packed: PackedColumn;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {
    this.packed = new PackedColumn(dataSource);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  /** Rows of these series at one minute (what a flush must merge with). */
  async minutesAt(m: EntityManager, minute: number, seriesIds: readonly number[]): Promise<StoredRow[]> {
    const out: StoredRow[] = [];
    for (let i = 0; i < seriesIds.length; i += CHUNK) {
      const raw = await m
        .createQueryBuilder(MinuteRecord, 'r')
        .select('r.seriesId', 'seriesId')
        .addSelect('r.n', 'n')
        .addSelect('r.data', 'data')
        .where('r.minute = :minute', { minute })
        .andWhere('r.seriesId IN (:...ids)', { ids: seriesIds.slice(i, i + CHUNK) })
        .getRawMany<{ seriesId: number; n: number; data: unknown }>();
      for (const r of raw) out.push(this.row(r.seriesId, minute, r.n, r.data));
    }
    return out;
  }

  /** One series' rows with `from <= at <= to`, oldest first. */
  async range(
    table: Table,
    seriesId: number,
    from: number,
    to: number,
    m?: EntityManager,
  ): Promise<StoredRow[]> {
    const col = table === 'minute' ? 'minute' : 'hour';
    const raw = await (m ?? this.dataSource.manager)
      .createQueryBuilder(ENTITY[table], 'r')
      .select(`r.${col}`, 'at')
      .addSelect('r.n', 'n')
      .addSelect('r.data', 'data')
      .where('r.seriesId = :seriesId', { seriesId })
      .andWhere(`r.${col} BETWEEN :from AND :to`, { from, to })
      .orderBy(`r.${col}`, 'ASC')
      .getRawMany<{ at: number; n: number; data: unknown }>();
    return raw.map((r) => this.row(seriesId, r.at, r.n, r.data));
  }

  /**
   * Every series' newest minute row and the rows of the last two minutes that keep slow values
   * (see keepsSlowValues), in one statement: each series' newest minute is one seek on the
   * (seriesId, minute) key (ORDER BY … LIMIT 1: SQLite does not seek for MAX() on this table), each
   * row one more. Measured by bench/last-figures.mjs.
   */
  async newestMinutes(): Promise<NewestMinuteRow[]> {
    const every = SLOW_EVERY_MINUTES;
    const raw = await this.dataSource.query<
      { serverId: string; labels: string; at: number; n: number; data: unknown; seriesId: number }[]
    >(
      `WITH l AS MATERIALIZED (
         SELECT s."id", s."serverId", s."labels",
                (SELECT m."minute" FROM "minute_records" m WHERE m."seriesId" = s."id"
                  ORDER BY m."minute" DESC LIMIT 1) AS "last"
           FROM "record_series" s)
       SELECT l."serverId" AS "serverId", l."labels" AS "labels", r."seriesId" AS "seriesId",
              r."minute" AS "at", r."n" AS "n", r."data" AS "data"
         FROM l CROSS JOIN "minute_records" r
        WHERE r."seriesId" = l."id"
          AND r."minute" IN (l."last", l."last" - (l."last" + 1) % ${every},
                             l."last" - (l."last" + 1) % ${every} - ${every})`,
    );
    return raw.map((r) => ({
      ...this.row(r.seriesId, r.at, r.n, r.data),
      serverId: r.serverId,
      labels: parseLabels(r.labels),
    }));
  }

  async upsert(m: EntityManager, table: Table, rows: readonly RowToWrite[]): Promise<void> {
    const col = table === 'minute' ? 'minute' : 'hour';
    for (let i = 0; i < rows.length; i += CHUNK) {
      await m
        .createQueryBuilder()
        .insert()
        .into(ENTITY[table])
        .values(
          rows.slice(i, i + CHUNK).map((r) => ({
            seriesId: r.seriesId,
            [col]: r.at,
            n: r.n,
            data: this.packed.toColumn(r.data),
          })),
        )
        .orUpdate(['n', 'data'], ['seriesId', col])
        .updateEntity(false)
        .execute();
    }
  }

  async markDirty(m: EntityManager, hours: readonly { seriesId: number; hour: number }[]): Promise<void> {
    for (let i = 0; i < hours.length; i += CHUNK) {
      await m
        .createQueryBuilder()
        .insert()
        .into(DirtyHour)
        .values(hours.slice(i, i + CHUNK))
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
  }

  /** Up to `limit` dirty hours before `beforeHour`, oldest first. */
  async dirtyHours(beforeHour: number, limit: number): Promise<{ seriesId: number; hour: number }[]> {
    return this.dataSource
      .getRepository(DirtyHour)
      .createQueryBuilder('d')
      .where('d.hour < :beforeHour', { beforeHour })
      .orderBy('d.hour', 'ASC')
      .addOrderBy('d.seriesId', 'ASC')
      .limit(limit)
      .getMany();
  }

  async clearDirty(m: EntityManager, seriesId: number, hour: number): Promise<void> {
    await m.getRepository(DirtyHour).delete({ seriesId, hour });
  }

  /** Oldest stored minute or hour of a series, or null. */
  async oldest(table: Table, seriesId: number): Promise<number | null> {
    const col = table === 'minute' ? 'minute' : 'hour';
    const raw = await this.dataSource
      .createQueryBuilder(ENTITY[table], 'r')
      .select(`MIN(r.${col})`, 'oldest')
      .where('r.seriesId = :seriesId', { seriesId })
      .getRawOne<{ oldest: number | string | null }>();
    const oldest = raw?.oldest ?? null;
    return oldest === null ? null : Number(oldest);
  }

  /** Deletes one series' rows with `from <= at < to`; returns how many went. */
  async deleteRange(table: Table, seriesId: number, from: number, to: number): Promise<number> {
    const col = table === 'minute' ? 'minute' : 'hour';
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(ENTITY[table])
      .where('seriesId = :seriesId', { seriesId })
      .andWhere(`${col} >= :from AND ${col} < :to`, { from, to })
      .execute();
    return result.affected ?? 0;
  }

  private row(seriesId: number, at: number, n: number, data: unknown): StoredRow {
    return { seriesId: Number(seriesId), at: Number(at), n: Number(n), data: this.packed.fromColumn(data) };
  }
}

function parseLabels(text: string): string[] {
  const labels: unknown = JSON.parse(text);
  return Array.isArray(labels) ? labels.map(String) : [];
}
