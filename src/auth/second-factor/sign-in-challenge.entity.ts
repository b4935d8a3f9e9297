import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import type { User } from '../../users/user.entity.js';
import { OwnedByUser } from '../../users/owned-by-user.js';

/**
 * A first factor that passed and now waits for the second (password or SSO sign-in). The
 * challenge value is returned once and stored as SHA-256; it expires after a few minutes and
 * allows a few wrong codes before it is spent.
 */
@Entity('sign_in_challenges')
export class SignInChallenge {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  tokenHash!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  userId!: string;

  @OwnedByUser()
  user?: User;

  /** How the first factor was proven: `password` or `sso:<provider>`. */
  @Column('varchar', { length: 40 })
  method!: string;

  @Column('varchar', { length: 64, nullable: true })
  ip!: string | null;

  @Column('integer', { default: 0 })
  failedAttempts!: number;

  /** Sealed ID token of an SSO first factor, moved to the session once the second factor passes. */
  @Column('text', { nullable: true })
  idTokenSealed!: string | null;

  @Index()
  @TimestampColumn()
  expiresAt!: Date;

  @TimestampColumn()
  createdAt!: Date;
}
