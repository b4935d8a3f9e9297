import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import { ServerGroup } from './server-group.entity.js';

/** Lets one playbook enroll a fleet (protocol.md §1.6). Stored as SHA-256 with a short clear prefix. */
@Entity('enrollment_keys')
export class EnrollmentKey {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 16 })
  prefix!: string;

  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  keyHash!: string;

  /** Servers enrolled with this key join this group and get these tags. */
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  groupId!: string | null;

  @ManyToOne(() => ServerGroup, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'groupId' })
  group?: ServerGroup | null;

  @Column('simple-json', { nullable: true })
  tags!: string[] | null;

  @TimestampColumn({ nullable: true })
  expiresAt!: Date | null;

  @Column('integer', { nullable: true })
  maxUses!: number | null;

  @Column('integer', { default: 0 })
  uses!: number;

  @TimestampColumn({ nullable: true })
  lastUsedAt!: Date | null;

  @TimestampColumn({ nullable: true })
  revokedAt!: Date | null;

  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  createdBy!: string | null;

  @TimestampColumn()
  createdAt!: Date;
}
