import { USER_ROLES, type UserRole } from '@hivewatch/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

export { USER_ROLES, type UserRole };

@Entity('users')
export class User {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: 64, unique: true })
  username!: string;

  /** argon2id; null for accounts that only sign in through SSO. */
  @Column('varchar', { length: 255, nullable: true })
  passwordHash!: string | null;

  @Column('varchar', { length: 16 })
  role!: UserRole;

  @Column('boolean', { default: false })
  disabled!: boolean;

  /**
   * Carried by every access token; bumped by a password reset or change, a disable, a role change
   * and "sign out everywhere", which ends every token issued before.
   */
  @Column('integer', { default: 0 })
  tokenGeneration!: number;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;

  @TimestampColumn({ nullable: true })
  lastLoginAt!: Date | null;
}
