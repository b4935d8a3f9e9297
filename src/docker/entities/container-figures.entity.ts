import { Column, Entity, PrimaryColumn } from 'typeorm';
import { safeInteger } from '../../database/columns.js';

/**
 * Figures of one container over one period, integers only (SQLite stores small integers in 1–6
 * bytes): `n` samples seen, `running` of them running, `figures` of them with figures (the weight
 * of the averages). Averages are rounded: CPU and pids in hundredths, bytes and byte rates whole.
 * Null where no sample of the period had the figure.
 */
abstract class ContainerFigures {
  @PrimaryColumn('integer')
  containerKey!: number;

  @Column('integer')
  n!: number;

  @Column('integer')
  running!: number;

  @Column('integer')
  figures!: number;

  /** CPU % × 100 (percent of one CPU). */
  @Column('integer', { nullable: true })
  cpu!: number | null;

  @Column('integer', { nullable: true })
  cpuMax!: number | null;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  mem!: number | null;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  memMax!: number | null;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  memLimit!: number | null;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  netRx!: number | null;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  netTx!: number | null;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  blkRead!: number | null;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  blkWrite!: number | null;

  /** Pids × 100. */
  @Column('integer', { nullable: true })
  pids!: number | null;
}

/** One container-minute (`minute`: epoch ms ÷ 60,000); clustered key, no second index. */
@Entity('docker_container_minutes', { withoutRowid: true })
export class ContainerMinute extends ContainerFigures {
  @PrimaryColumn('integer')
  minute!: number;
}

/** One container-hour (`hour`: epoch ms ÷ 3,600,000), rolled up from its minutes. */
@Entity('docker_container_hours', { withoutRowid: true })
export class ContainerHour extends ContainerFigures {
  @PrimaryColumn('integer')
  hour!: number;
}
