import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../database/columns.js';

/** BIGINT byte counts: strings from PostgreSQL, numbers in code (well within 2^53). */
const bytes: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? 0 : Number(v)),
};
const epochMsKey: ValueTransformer = bytes;

/** Bytes per server per UTC hour (`hour`: epoch ms of the hour start). */
@Entity('traffic_hourly')
export class TrafficHourly {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @PrimaryColumn('bigint', { transformer: epochMsKey })
  hour!: number;

  @Column('bigint', { default: 0, transformer: bytes })
  inBytes!: number;

  @Column('bigint', { default: 0, transformer: bytes })
  outBytes!: number;
}

/** Bytes per server per UTC day (`day`: epoch ms of 00:00 UTC). */
@Entity('traffic_daily')
export class TrafficDaily {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @PrimaryColumn('bigint', { transformer: epochMsKey })
  day!: number;

  @Column('bigint', { default: 0, transformer: bytes })
  inBytes!: number;

  @Column('bigint', { default: 0, transformer: bytes })
  outBytes!: number;
}

/** Last cumulative counters per interface (seed 000 traffic_state): deltas continue across restarts. */
@Entity('traffic_state')
export class TrafficState {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  serverId!: string;

  /** interface name → [rxBytes, txBytes] */
  @Column('simple-json')
  counters!: Record<string, [number, number]>;

  /** Host uptime at the last sample: a smaller one means the host rebooted (counters restarted). */
  @Column('double precision', { nullable: true })
  uptimeSeconds!: number | null;

  /** Time of the last sample folded in (rate integration and gap cap). */
  @TimestampColumn()
  sampleAt!: Date;
}

/** Billing cycle of a server: quotas are judged on the current cycle. */
@Entity('traffic_settings')
export class TrafficSettings {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Column('varchar', { length: 16, default: 'monthly' })
  cycle!: 'monthly' | 'quarterly' | 'yearly';

  /** Day of the month the cycle starts (1–28), UTC. */
  @Column('integer', { default: 1 })
  startDay!: number;

  /** Optional quota shown with the usage (bytes, both directions); alert rules carry their own. */
  @Column('bigint', { nullable: true, transformer: bytes })
  quotaBytes!: number | null;

  @TimestampColumn()
  updatedAt!: Date;
}
