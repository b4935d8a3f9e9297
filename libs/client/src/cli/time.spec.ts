import { describe, expect, it } from '@jest/globals';
import { parseDuration, parseTime } from './time.js';
import { UsageError } from './usage-error.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1W', 604_800_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text, '--for')).toBe(ms);
  });

  it.each(['', '5', 'm', '-5m', '1.5h', '5 m', '0m', '5y', '9999999m', '3651d'])('refuses %j', (text) => {
    expect(() => parseDuration(text, '--for')).toThrow(UsageError);
  });

  it('names the flag in the error', () => {
    expect(() => parseDuration('soon', '--for')).toThrow(/--for must be a duration/);
  });
});

describe('parseTime', () => {
  it('reads now and relative offsets into the past', () => {
    expect(parseTime('now', '--to', NOW).getTime()).toBe(NOW);
    expect(parseTime('NOW', '--to', NOW).getTime()).toBe(NOW);
    expect(parseTime('-1h', '--from', NOW).toISOString()).toBe('2026-05-01T11:00:00.000Z');
    expect(parseTime('-30m', '--from', NOW).toISOString()).toBe('2026-05-01T11:30:00.000Z');
    expect(parseTime('now-2d', '--from', NOW).toISOString()).toBe('2026-04-29T12:00:00.000Z');
  });

  it('reads ISO-8601 and epoch milliseconds', () => {
    expect(parseTime('2026-04-30T08:15:00Z', '--from', NOW).toISOString()).toBe('2026-04-30T08:15:00.000Z');
    expect(parseTime('2026-04-30', '--from', NOW).toISOString()).toBe('2026-04-30T00:00:00.000Z');
    expect(parseTime('1700000000000', '--from', NOW).getTime()).toBe(1_700_000_000_000);
  });

  it.each(['yesterday', '+1h', '-', '-1', '2026-13-45T99:00:00Z', '1.5', ''])('refuses %j', (text) => {
    expect(() => parseTime(text, '--from', NOW)).toThrow(UsageError);
  });

  it('names the flag and the accepted forms', () => {
    expect(() => parseTime('yesterday', '--from', NOW)).toThrow(/--from must be now, a relative time/);
  });
});
