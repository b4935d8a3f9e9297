import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import type { User } from '../../users/user.entity.js';
import { OwnedByUser } from '../../users/owned-by-user.js';

/**
 * A sign-in identity at a provider, linked to one local user: (provider, subject) is unique. A user
 * may link several; the OIDC `sub` (or GitHub's numeric user id) is the subject, never the e-mail.
 */
@Entity('user_identities')
@Index(['provider', 'subject'], { unique: true })
export class UserIdentity {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  userId!: string;

  @OwnedByUser()
  user?: User;

  /** The configured provider id (`google`, `github`, or an OIDC provider's id). */
  @Column('varchar', { length: 32 })
  provider!: string;

  @Column('varchar', { length: 255 })
  subject!: string;

  /** The e-mail the provider last reported, for display; null when it gave none. */
  @Column('varchar', { length: 320, nullable: true })
  email!: string | null;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn({ nullable: true })
  lastUsedAt!: Date | null;
}
