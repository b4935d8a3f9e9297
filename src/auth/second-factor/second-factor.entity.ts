import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';
import { User } from '../../users/user.entity.js';

/**
 * A user's TOTP second factor (RFC 6238). The secret is sealed at rest (AES-256-GCM, like channel
 * secrets); an enrollment counts only once confirmed with a code. `lastUsedStep` refuses a replay:
 * a code is accepted only for a time step later than the last accepted one.
 */
@Entity('user_second_factors')
export class SecondFactor {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column('text')
  secretSealed!: string;

  @TimestampColumn({ nullable: true })
  confirmedAt!: Date | null;

  @Column('integer', { nullable: true })
  lastUsedStep!: number | null;

  @TimestampColumn()
  createdAt!: Date;
}
