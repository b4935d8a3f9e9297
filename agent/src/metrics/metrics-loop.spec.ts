import { describe, expect, it } from '@jest/globals';
import type { MetricsSnapshot } from '../collectors/types.js';
import type { TimeSource, TimerHandle } from '../connection/time-source.js';
import { MetricsLoop } from './metrics-loop.js';

/** A manual clock: timers fire when the test advances time. */
function manualTime(): TimeSource & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; handle: TimerHandle }[] = [];
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      // An inert real handle serves as the token; it never fires.
      const handle = setTimeout(() => undefined, 0);
      clearTimeout(handle);
      timers.push({ at: now + ms, fn, handle });
      return handle;
    },
    clearTimeout: (handle) => {
      timers = timers.filter((t) => t.handle !== handle);
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
      }
      now = until;
    },
  };
}

describe('MetricsLoop', () => {
  it('samples on a fixed cadence, changes interval at once, and pauses at 0', () => {
    const time = manualTime();
    const at: number[] = [];
    const loop = new MetricsLoop({
      collect: () => ({}) as MetricsSnapshot,
      onSample: (_s, t) => at.push(t),
      time,
    });
    loop.setInterval(5);
    time.advance(16_000);
    expect(at).toEqual([5000, 10_000, 15_000]);
    loop.setInterval(0);
    time.advance(60_000);
    expect(at).toHaveLength(3);
    loop.setInterval(2);
    time.advance(4_000);
    expect(at.slice(3)).toEqual([78_000, 80_000]);
    loop.stop();
  });
});
