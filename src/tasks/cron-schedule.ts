import type { CommandRunState, TaskMissedPolicy, TaskOverlapPolicy } from '@hivewatch/protocol';
import { Cron } from 'croner';

/**
 * The one cron parser of the hub (croner): validation, next-run computation and the preview all
 * go through here. Five fields (minute hour day-of-month month day-of-week), or six with seconds
 * first. Pure functions of their arguments: no clock, no database.
 */
export class CronScheduleError extends Error {}

/** Throws CronScheduleError with the reason when the zone is not an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new CronScheduleError(
      `unknown time zone '${timeZone}': use an IANA zone such as Europe/Berlin or UTC`,
    );
  }
}

/** Parses the expression in the zone; throws CronScheduleError with the parser's reason. */
export function parseCron(cron: string, timeZone: string): Cron {
  assertTimeZone(timeZone);
  try {
    return new Cron(cron.trim(), { timezone: timeZone, mode: '5-or-6-parts', paused: true });
  } catch (err) {
    throw new CronScheduleError(err instanceof Error ? err.message : String(err));
  }
}

/** Checks an expression and zone: it must parse and fire at least once after `from`. */
export function validateSchedule(cron: string, timeZone: string, from: Date): void {
  if (nextAfter(cron, timeZone, from) === null)
    throw new CronScheduleError(`'${cron}' never fires in ${timeZone}`);
}

/** The first firing time strictly after `after`, or null when the expression never fires again. */
export function nextAfter(cron: string, timeZone: string, after: Date): Date | null {
  return parseCron(cron, timeZone).nextRun(after);
}

/** The next `count` firing times strictly after `after`. */
export function nextTimes(cron: string, timeZone: string, after: Date, count: number): Date[] {
  return parseCron(cron, timeZone).nextRuns(count, after);
}

export interface DueInput {
  cron: string;
  timeZone: string;
  nextRunAt: Date;
  missedPolicy: TaskMissedPolicy;
}

/**
 * What the scheduler does with a task at `now`:
 * - `wait`: not due yet;
 * - `fire`: run it for `scheduledAt`, then set nextRunAt to `next`. On time (late by at most
 *   `graceMs`) the next is the one after `scheduledAt`; a `run-once` task found later than that
 *   (the hub was down) runs once, and its next is the first time after `now`;
 * - `skip-missed`: a `skip` task found later than `graceMs`: no run, nextRunAt becomes `next`,
 *   the first time after `now`; `missed` counts the times let go.
 */
export type DueDecision =
  | { kind: 'wait' }
  | { kind: 'fire'; scheduledAt: Date; next: Date | null; late: boolean }
  | { kind: 'skip-missed'; scheduledAt: Date; next: Date | null; missed: number };

/** At most this many missed times are counted for the audit detail. */
const MISSED_COUNT_CAP = 10_000;

export function decideDue(task: DueInput, now: Date, graceMs: number): DueDecision {
  const due = task.nextRunAt;
  if (due.getTime() > now.getTime()) return { kind: 'wait' };
  const cron = parseCron(task.cron, task.timeZone);
  if (now.getTime() - due.getTime() <= graceMs)
    return { kind: 'fire', scheduledAt: due, next: cron.nextRun(due), late: false };
  const next = cron.nextRun(now);
  if (task.missedPolicy === 'run-once') return { kind: 'fire', scheduledAt: due, next, late: true };
  let missed = 1;
  for (let t = cron.nextRun(due); t && t.getTime() <= now.getTime() && missed < MISSED_COUNT_CAP;) {
    missed++;
    t = cron.nextRun(t);
  }
  return { kind: 'skip-missed', scheduledAt: due, next, missed };
}

/** Overlap policy `skip`: no firing while the task's previous run is still `running`. */
export function blockedByOverlap(
  policy: TaskOverlapPolicy,
  previousRunState: CommandRunState | null | undefined,
): boolean {
  return policy === 'skip' && previousRunState === 'running';
}
