import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One server-hour rolled up from its minute rows; same packed format as MinuteRecord. */
@Entity('hourly_records', { withoutRowid: true })
export class HourlyRecord {
  @PrimaryColumn('integer')
  seriesId!: number;

  /** Unix hour: epoch ms ÷ 3,600,000. */
  @PrimaryColumn('integer')
  hour!: number;

  @Column('integer')
  n!: number;

  @Column('text')
  data!: string | Buffer;
}
