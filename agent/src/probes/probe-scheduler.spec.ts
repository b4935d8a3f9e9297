import { jest } from '@jest/globals';
import type { PingResultPayload, PingTask } from '@hivewatch/protocol';
import { ProbeScheduler } from './probe-scheduler.js';

const task = (id: string, intervalSeconds = 10): PingTask => ({
  id,
  probe: 'tcp',
  target: '127.0.0.1:1',
  intervalSeconds,
  timeoutMs: 1000,
});

function setup(maxConcurrent: number, runMs: number) {
  const started: string[] = [];
  const results: PingResultPayload[] = [];
  let active = 0;
  let peak = 0;
  const scheduler = new ProbeScheduler({
    maxConcurrent,
    firstDelayMs: () => 0,
    run: async (t) => {
      started.push(t.id);
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, runMs));
      active -= 1;
      return { success: true, latencyMs: 1, error: null, method: 'tcp' };
    },
    onResult: (result) => results.push(result),
  });
  return { scheduler, started, results, peak: () => peak };
}

describe('ProbeScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs each task at its interval and bounds the runs overall', async () => {
    const { scheduler, results, peak } = setup(2, 100);
    expect(scheduler.sync([task('a'), task('b'), task('c'), task('d')])).toMatchObject({ started: 4 });
    await jest.advanceTimersByTimeAsync(1000);
    expect(results.map((r) => r.taskId).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(peak()).toBe(2);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(results).toHaveLength(8);
    scheduler.stopAll();
  });

  it('never runs one task twice at once (a tick during a run is skipped)', async () => {
    const { scheduler, started } = setup(4, 25_000);
    scheduler.sync([task('slow')]);
    await jest.advanceTimersByTimeAsync(24_000);
    expect(started).toEqual(['slow']);
    scheduler.stopAll();
  });

  it('spreads first runs over the interval by default', () => {
    const delays: number[] = [];
    const spy = jest.spyOn(global, 'setTimeout');
    const scheduler = new ProbeScheduler({
      maxConcurrent: 1,
      run: () => Promise.resolve({ success: true, latencyMs: 1, error: null, method: 'tcp' }),
      onResult: () => undefined,
    });
    scheduler.sync(Array.from({ length: 50 }, (_, i) => task(`t${i}`, 60)));
    for (const call of spy.mock.calls) delays.push(Number(call[1]));
    expect(Math.max(...delays)).toBeLessThan(60_000);
    expect(new Set(delays).size).toBeGreaterThan(10);
    spy.mockRestore();
    scheduler.stopAll();
  });

  it('sync replaces the set: unchanged kept, changed restarted, removed stopped (timers cleared)', async () => {
    const { scheduler, results } = setup(4, 10);
    scheduler.sync([task('a'), task('b')]);
    expect(scheduler.sync([task('a'), task('b', 20), task('c')])).toEqual({
      tasks: 3,
      started: 1,
      restarted: 1,
      stopped: 0,
      unchanged: 1,
    });
    expect(scheduler.sync([])).toMatchObject({ stopped: 3 });
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(results).toHaveLength(0);
  });

  it('drops the result of a run whose task was removed meanwhile', async () => {
    const { scheduler, results, started } = setup(4, 500);
    scheduler.sync([task('a')]);
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['a']);
    scheduler.sync([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(results).toHaveLength(0);
    expect(scheduler.running).toBe(0);
  });
});
