import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import type { User } from '../users/user.entity.js';
import { OwnedByUser } from '../users/owned-by-user.js';

/** A console sign-in. Only the SHA-256 of the cookie value is stored. */
@Entity('sessions')
export class Session {
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

  @Column('varchar', { length: 64, nullable: true })
  ip!: string | null;

  @Column('varchar', { length: 512, nullable: true })
  userAgent!: string | null;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  lastSeenAt!: Date;

  @Index()
  @TimestampColumn()
  expiresAt!: Date;

  /** How the user signed in: `password`, `totp`, `recovery-code` or `sso:<provider>` (AuthMethod). */
  @Column('varchar', { length: 40, default: 'password' })
  method!: string;

  /** The last proof of identity (sign-in or step-up); dangerous actions need it to be recent. */
  @TimestampColumn({ nullable: true })
  steppedUpAt!: Date | null;

  /** Only a second-factor enrollment is allowed until the user enrolls (an admin requires one). */
  @Column('boolean', { default: false })
  mustEnrollSecondFactor!: boolean;

  /** Sealed ID token of an SSO sign-in, kept for RP-initiated logout (`id_token_hint`). */
  @Column('text', { nullable: true })
  idTokenSealed!: string | null;
}
