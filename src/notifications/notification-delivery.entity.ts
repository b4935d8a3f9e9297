import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import type { NotificationMessage } from './message.js';

export type DeliveryStatus = 'queued' | 'delivered' | 'failed';

/** One message to one channel: the persisted queue (a restart resumes every queued row). */
@Entity('notification_deliveries')
@Index(['status', 'nextAttemptAt'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  channelId!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  alertId!: string | null;

  @Column('simple-json')
  message!: NotificationMessage;

  @Column('varchar', { length: 16 })
  status!: DeliveryStatus;

  @Column('integer', { default: 0 })
  attempts!: number;

  /** 1 for a "send test"; the retry schedule's length + 1 for alerts. */
  @Column('integer')
  maxAttempts!: number;

  @TimestampColumn()
  nextAttemptAt!: Date;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}
