import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import type { ChannelSettings, ChannelType } from './dto/channel.dto.js';

@Entity('notification_channels')
export class NotificationChannel {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 16 })
  type!: ChannelType;

  @Column('boolean', { default: true })
  enabled!: boolean;

  /** Non-secret settings (URL, method, chat id, SMTP host …), returned by the API. */
  @Column('simple-json')
  settings!: ChannelSettings;

  /** Secret settings (tokens, passwords, header values), AES-256-GCM sealed; never returned. */
  @Column('text', { default: '' })
  sealedSecrets!: string;

  /** Names of the secret fields that are set (shown instead of the values). */
  @Column('simple-json')
  secretNames!: string[];

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}
