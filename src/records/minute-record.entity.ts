import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One server-minute: avg/max of gauges, last of counters, per-filesystem and per-interface
 * detail, packed (see record-codec.ts). The primary key is the clustered (seriesId, minute) key:
 * WITHOUT ROWID on SQLite, so a range of one server's minutes is a contiguous read and there is
 * no second index.
 */
@Entity('minute_records', { withoutRowid: true })
export class MinuteRecord {
  @PrimaryColumn('integer')
  seriesId!: number;

  /** Unix minute: epoch ms ÷ 60,000. */
  @PrimaryColumn('integer')
  minute!: number;

  /** Samples folded: weights averages when a late sample merges into the row. */
  @Column('integer')
  n!: number;

  /** Packed values: a BLOB on SQLite, base64 on PostgreSQL (see packed-column.ts). */
  @Column('text')
  data!: string | Buffer;
}
