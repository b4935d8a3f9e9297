import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

/**
 * A server's key in the record tables: a small integer instead of its 36-character UUID in every
 * minute row. `labels` is the dictionary of per-filesystem / per-interface names (`disk:/`,
 * `net:eth0`) that packed records refer to by index; names are only ever appended.
 */
@Entity('record_series')
export class RecordSeries {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index({ unique: true })
  @Column('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Column('simple-json')
  labels!: string[];

  @TimestampColumn()
  createdAt!: Date;
}
