import { Entity, PrimaryColumn } from 'typeorm';

/**
 * Hours whose minute rows changed since they were last rolled up: every minute write marks its
 * hour in the same transaction, so a backfilled minute re-rolls an hour already written, and a
 * restart forgets nothing.
 */
@Entity('record_dirty_hours', { withoutRowid: true })
export class DirtyHour {
  @PrimaryColumn('integer')
  seriesId!: number;

  @PrimaryColumn('integer')
  hour!: number;
}
