import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import { StatusPage } from './status-page.entity.js';

/** Planned work on some of a page's components: shown publicly, and their servers' alerts do not notify. */
@Entity('maintenance_windows')
export class MaintenanceWindow {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  pageId!: string;

  @ManyToOne(() => StatusPage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pageId' })
  page?: StatusPage;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('text', { default: '' })
  message!: string;

  @Column('simple-json')
  componentIds!: string[];

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
