import { API_KEY_SCOPES, type ApiKeyScope } from '@hivewatch/protocol';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import type { User } from '../users/user.entity.js';
import { OwnedByUser } from '../users/owned-by-user.js';

export { API_KEY_SCOPES, type ApiKeyScope };

/** An automation credential: `hw_` + 32 random bytes (base64url). Stored as SHA-256; the prefix is for display. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  userId!: string;

  @OwnedByUser()
  user?: User;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 16 })
  prefix!: string;

  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  keyHash!: string;

  @Column('varchar', { length: 8 })
  scope!: ApiKeyScope;

  @TimestampColumn({ nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn({ nullable: true })
  lastUsedAt!: Date | null;

  @TimestampColumn({ nullable: true })
  revokedAt!: Date | null;

  @TimestampColumn()
  createdAt!: Date;
}
