import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import { PageNoticeColumns } from './page-notice.columns.js';

/** Planned work on some of a page's components: shown publicly, and their servers' alerts do not notify. */
@Entity('maintenance_windows')
export class MaintenanceWindow extends PageNoticeColumns {
  @Column('text', { default: '' })
  message!: string;

  @TimestampColumn()
  startsAt!: Date;

  @Index()
  @TimestampColumn()
  endsAt!: Date;

  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  createdBy!: string | null;

  @TimestampColumn()
  createdAt!: Date;
}
