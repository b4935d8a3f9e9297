import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import type { User } from '../../users/user.entity.js';
import { OwnedByUser } from '../../users/owned-by-user.js';

/** A single-use recovery code: 80 random bits, stored as SHA-256 only; regenerating replaces all. */
@Entity('user_recovery_codes')
export class RecoveryCode {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  userId!: string;

  @OwnedByUser()
  user?: User;

  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  codeHash!: string;

  @TimestampColumn({ nullable: true })
  usedAt!: Date | null;

  @TimestampColumn()
  createdAt!: Date;
}
