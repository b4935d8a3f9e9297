import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

/** The delivery log: one row per attempt. */
@Entity('notification_attempts')
export class NotificationAttempt {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column('integer')
  deliveryId!: number;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  channelId!: string;

  @Column('varchar', { length: 100 })
  channelName!: string;

  @Column('integer')
  attempt!: number;

  @Index()
  @TimestampColumn()
  at!: Date;

  @Column('varchar', { length: 16 })
  outcome!: 'success' | 'failure';

  @Column('integer', { nullable: true })
  responseCode!: number | null;

  @Column('varchar', { length: 500, nullable: true })
  error!: string | null;

  @Column('integer')
  durationMs!: number;

  /** What the message was about, for the log view (e.g. "firing: High CPU on web-1"). */
  @Column('varchar', { length: 300 })
  summary!: string;
}
