import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';

/**
 * One provider round trip in progress. Looked up by the SHA-256 of `state`, and bound to the browser
 * that started it by the SHA-256 of a random cookie (login CSRF); used once, then deleted. Kept in the
 * database so that any hub instance can finish a round trip another one started.
 */
@Entity('sso_flows')
export class SsoFlow {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  stateHash!: string;

  @Column('varchar', { length: 64 })
  browserHash!: string;

  @Column('varchar', { length: 32 })
  provider!: string;

  /** `sign-in`, `link` or `step-up`. */
  @Column('varchar', { length: 16 })
  purpose!: string;

  /** Sealed `{ nonce, codeVerifier }` (AES-256-GCM). */
  @Column('text')
  secretsSealed!: string;

  /** The signed-in session that started a `link` or `step-up` round trip. */
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  sessionId!: string | null;

  @Column('varchar', { length: 512 })
  returnTo!: string;

  @Index()
  @TimestampColumn()
  expiresAt!: Date;

  @TimestampColumn()
  createdAt!: Date;
}
