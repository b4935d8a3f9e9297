import type { IncidentImpact, IncidentStatus } from '@hivewatch/protocol';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import { StatusPage } from './status-page.entity.js';

/** An incident an admin writes on a status page. */
@Entity('incidents')
export class Incident {
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

  @Column('varchar', { length: 16 })
  status!: IncidentStatus;

  @Column('varchar', { length: 16 })
  impact!: IncidentImpact;

  /** Ids of the page's components it affects (at most 200). */
  @Column('simple-json')
  componentIds!: string[];

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
