import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns.js';

/** Hub-wide key/value settings (seed 000's `configs`), e.g. the access-token signing key. */
@Entity('configs')
export class ConfigEntry {
  @PrimaryColumn('varchar', { length: 64 })
  key!: string;

  @Column('text')
  value!: string;

  @TimestampColumn()
  updatedAt!: Date;
}
