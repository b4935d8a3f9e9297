import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import type { Condition, RuleOrigin, RuleScope, SilenceWindow } from './dto/alert-rule.dto.js';

@Entity('alert_rules')
export class AlertRule {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('boolean', { default: true })
  enabled!: boolean;

  @Column('varchar', { length: 16, default: 'warning' })
  severity!: 'info' | 'warning' | 'critical';

  /** ALL must hold. */
  @Column('simple-json')
  conditions!: Condition[];

  @Column('simple-json')
  scope!: RuleScope;

  @Column('varchar', { length: 8, default: 'once' })
  trigger!: 'once' | 'repeat';

  @Column('integer', { nullable: true })
  repeatMinutes!: number | null;

  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  notificationGroupId!: string | null;

  @Column('simple-json', { nullable: true })
  silence!: SilenceWindow | null;

  /** `default`: one of the rules the hub creates on its first start. */
  @Column('varchar', { length: 16, default: 'user' })
  origin!: RuleOrigin;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}
