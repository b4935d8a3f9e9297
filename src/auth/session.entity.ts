import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import { User } from '../users/user.entity.js';

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

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
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
}
