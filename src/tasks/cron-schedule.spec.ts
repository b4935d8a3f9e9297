import { describe, expect, it } from '@jest/globals';
import {
  blockedByOverlap,
  CronScheduleError,
  decideDue,
  nextAfter,
  nextTimes,
  parseCron,
  validateSchedule,
} from './cron-schedule.js';

const at = (iso: string) => new Date(iso);
const isos = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('cron schedule: parsing and next times', () => {
  it('reads five fields in the given zone', () => {
    expect(isos(nextTimes('0 9 * * 1-5', 'Europe/Berlin', at('2026-01-02T00:00:00Z'), 2))).toEqual([
      '2026-01-02T08:00:00.000Z', // Friday 09:00 CET
      '2026-01-05T08:00:00.000Z', // Monday
    ]);
    expect(nextAfter('0 9 * * *', 'America/New_York', at('2026-07-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-07-01T13:00:00.000Z',
    );
  });

  it('reads six fields with seconds first', () => {
    expect(isos(nextTimes('*/2 * * * * *', 'UTC', at('2026-01-01T00:00:00Z'), 3))).toEqual([
      '2026-01-01T00:00:02.000Z',
      '2026-01-01T00:00:04.000Z',
      '2026-01-01T00:00:06.000Z',
    ]);
    expect(nextAfter('30 15 10 * * *', 'UTC', at('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-01-01T10:15:30.000Z',
    );
  });

  it('is strictly after the given time', () => {
    expect(nextAfter('* * * * *', 'UTC', at('2026-01-01T00:01:00Z'))?.toISOString()).toBe(
      '2026-01-01T00:02:00.000Z',
    );
  });

  it('crosses daylight saving changes: a time that does not exist runs after the gap, a repeated one once', () => {
    // Europe/Berlin: 2026-03-29 02:00 → 03:00 (no 02:30), 2026-10-25 03:00 → 02:00 (02:30 twice).
    expect(isos(nextTimes('30 2 * * *', 'Europe/Berlin', at('2026-03-28T00:00:00Z'), 3))).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST, the first valid time after the gap
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
    expect(isos(nextTimes('30 2 * * *', 'Europe/Berlin', at('2026-10-24T00:00:00Z'), 3))).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z', // once, not again at 01:30Z
      '2026-10-26T01:30:00.000Z',
    ]);
    // an hourly job keeps one firing per real hour across the change
    expect(isos(nextTimes('0 * * * *', 'Europe/Berlin', at('2026-10-24T23:30:00Z'), 3))).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
  });

  it('refuses bad expressions and unknown zones with the reason', () => {
    expect(() => parseCron('* * * *', 'UTC')).toThrow(CronScheduleError);
    expect(() => parseCron('0 0 0 * * * *', 'UTC')).toThrow(/5 or 6 parts/);
    expect(() => parseCron('61 * * * *', 'UTC')).toThrow(/minute/);
    expect(() => parseCron('* * * * *', 'Mars/Olympus')).toThrow(/unknown time zone 'Mars\/Olympus'/);
    expect(() => validateSchedule('0 0 30 2 *', 'UTC', at('2026-01-01T00:00:00Z'))).toThrow(/never fires/);
    expect(() => validateSchedule('0 0 * * *', 'Asia/Kolkata', at('2026-01-01T00:00:00Z'))).not.toThrow();
  });
});

describe('cron schedule: what is due', () => {
  const every5min = { cron: '*/5 * * * *', timeZone: 'UTC' };
  const grace = 5_000;

  it('waits until the time has come', () => {
    const task = { ...every5min, nextRunAt: at('2026-01-01T00:05:00Z'), missedPolicy: 'skip' as const };
    expect(decideDue(task, at('2026-01-01T00:04:59.999Z'), grace)).toEqual({ kind: 'wait' });
  });

  it('fires on time (within the grace) and moves to the time after the fired one', () => {
    const task = { ...every5min, nextRunAt: at('2026-01-01T00:05:00Z'), missedPolicy: 'skip' as const };
    expect(decideDue(task, at('2026-01-01T00:05:04Z'), grace)).toEqual({
      kind: 'fire',
      scheduledAt: at('2026-01-01T00:05:00Z'),
      next: at('2026-01-01T00:10:00Z'),
      late: false,
    });
  });

  it('seconds: a late tick still fires each time in turn', () => {
    const task = { cron: '*/2 * * * * *', timeZone: 'UTC', nextRunAt: at('2026-01-01T00:00:02Z') };
    const d = decideDue({ ...task, missedPolicy: 'skip' }, at('2026-01-01T00:00:05Z'), grace);
    expect(d).toMatchObject({ kind: 'fire', next: at('2026-01-01T00:00:04Z') });
  });

  it('missed policy skip: after downtime no run, the next future time, the missed ones counted', () => {
    const task = { ...every5min, nextRunAt: at('2026-01-01T00:05:00Z'), missedPolicy: 'skip' as const };
    expect(decideDue(task, at('2026-01-01T01:02:00Z'), grace)).toEqual({
      kind: 'skip-missed',
      scheduledAt: at('2026-01-01T00:05:00Z'),
      next: at('2026-01-01T01:05:00Z'),
      missed: 12, // 00:05 … 01:00
    });
  });

  it('missed policy run-once: one run for all the missed times, then the next future time', () => {
    const task = { ...every5min, nextRunAt: at('2026-01-01T00:05:00Z'), missedPolicy: 'run-once' as const };
    expect(decideDue(task, at('2026-01-01T01:02:00Z'), grace)).toEqual({
      kind: 'fire',
      scheduledAt: at('2026-01-01T00:05:00Z'),
      next: at('2026-01-01T01:05:00Z'),
      late: true,
    });
  });

  it('a zone change of the clocks does not count as missed', () => {
    const task = {
      cron: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      nextRunAt: at('2026-03-29T01:00:00Z'),
      missedPolicy: 'skip' as const,
    };
    expect(decideDue(task, at('2026-03-29T01:00:01Z'), grace)).toMatchObject({
      kind: 'fire',
      next: at('2026-03-30T00:30:00Z'),
    });
  });

  it('overlap: skip blocks while the previous run is still running, allow never does', () => {
    expect(blockedByOverlap('skip', 'running')).toBe(true);
    expect(blockedByOverlap('skip', 'done')).toBe(false);
    expect(blockedByOverlap('skip', null)).toBe(false);
    expect(blockedByOverlap('allow', 'running')).toBe(false);
  });
});
