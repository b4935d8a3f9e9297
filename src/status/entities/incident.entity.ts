import type { IncidentImpact, IncidentStatus } from '@hivewatch/protocol';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import { PageNoticeColumns } from './page-notice.columns.js';

/** An incident an admin writes on a status page. */
@Entity('incidents')
export class Incident extends PageNoticeColumns {
  @Column('varchar', { length: 16 })
  status!: IncidentStatus;

  @Column('varchar', { length: 16 })
  impact!: IncidentImpact;

  @Index()
  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn({ nullable: true })
  resolvedAt!: Date | null;
}

@Entity('incident_updates')
export class IncidentUpdate {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  incidentId!: string;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incidentId' })
  incident?: Incident;

  @Column('varchar', { length: 16 })
  status!: IncidentStatus;

  @Column('text')
  message!: string;

  @TimestampColumn()
  at!: Date;

  /** The admin who wrote it (null for an API key without a user, or a deleted user). */
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  authorId!: string | null;
}
