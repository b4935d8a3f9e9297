import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import type { SilenceWindow } from '../common/silence/silence-window.js';

@Entity('notification_groups')
export class NotificationGroup {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: 100, unique: true })
  name!: string;

  @Column('simple-json')
  channelIds!: string[];

  /** Daily UTC window during which this group's notifications are held back. */
  @Column('simple-json', { nullable: true })
  silence!: SilenceWindow | null;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}
