import { describe, expect, it } from '@jest/globals';
import { ClockOffsetEstimator } from './clock-offset.js';

describe('ClockOffsetEstimator', () => {
  const WINDOW = 60_000;

  it('uses receive time when there is no timestamp', () => {
    const c = new ClockOffsetEstimator();
    expect(c.bucketTime(undefined, 1000, true, WINDOW)).toBe(1000);
  });

  it('corrects a clock one hour fast: live samples land at receive time, backfill one hour back', () => {
    const c = new ClockOffsetEstimator();
    const hour = 3_600_000;
    for (let i = 0; i < 5; i++) {
      const received = 1_000_000 + i * 5000;
      expect(c.bucketTime(received + hour + 30, received, true, WINDOW)).toBe(received);
    }
    expect(c.offsetMs).toBe(hour + 30);
    // A sample the agent took 10 minutes ago (by its fast clock) lands 10 minutes before now.
    expect(c.bucketTime(1_020_000 + hour + 30 - 600_000, 1_020_000, false, WINDOW)).toBe(420_000);
  });

  it('smooths network jitter (EWMA)', () => {
    const c = new ClockOffsetEstimator(0.2);
    c.observe(1000, 900); // +100
    c.observe(1200, 1000); // +200
    expect(c.offsetMs).toBeCloseTo(120);
  });

  it('falls back to receive time (and flags it) when the clock jumps past the window', () => {
    const c = new ClockOffsetEstimator();
    c.bucketTime(10_000, 10_000, true, WINDOW);
    expect(c.bucketTime(10_000 + 10 * 3_600_000, 15_000, true, WINDOW)).toBe(15_000);
    expect(c.lastSkewed).toBe(true);
    expect(c.bucketTime(20_000, 20_000, false, WINDOW)).toBeLessThan(20_000); // backfill: corrected, never replaced
  });
});
