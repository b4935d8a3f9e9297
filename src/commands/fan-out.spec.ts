import { describe, expect, it } from '@jest/globals';
import { FanOut, type TargetOutcome } from './fan-out.js';

/** A fan-out whose runs end only when the test says so. */
function harness(maxParallel: number, stopOnFirstFailure = false) {
  const finishers = new Map<string, (outcome: TargetOutcome) => void>();
  const started: string[] = [];
  const outcomes: [string, TargetOutcome][] = [];
  const fan = new FanOut({
    maxParallel,
    stopOnFirstFailure,
    run: (id) =>
      new Promise<TargetOutcome>((resolve) => {
        started.push(id);
        finishers.set(id, resolve);
      }),
    onOutcome: (id, outcome) => outcomes.push([id, outcome]),
  });
  const finish = async (id: string, outcome: TargetOutcome) => {
    const resolve = finishers.get(id);
    if (!resolve) throw new Error(`${id} is not running`);
    resolve(outcome);
    await new Promise((r) => setImmediate(r));
  };
  return { fan, started, outcomes, finish };
}

describe('FanOut', () => {
  it('keeps at most maxParallel targets in flight, in order', async () => {
    const { fan, started, outcomes, finish } = harness(2);
    fan.start(['a', 'b', 'c', 'd'], []);
    expect(started).toEqual(['a', 'b']);
    await finish('b', 'ok');
    expect(started).toEqual(['a', 'b', 'c']);
    expect(fan.runningCount).toBe(2);
    await finish('a', 'failed');
    await finish('c', 'ok');
    await finish('d', 'timed_out');
    await fan.finished;
    expect(outcomes).toEqual([
      ['b', 'ok'],
      ['a', 'failed'],
      ['c', 'ok'],
      ['d', 'timed_out'],
    ]);
  });

  it('stops on the first failure: what was not sent is cancelled, what runs is returned', async () => {
    const { fan, started, outcomes, finish } = harness(2, true);
    fan.start(['a', 'b', 'c'], ['off']);
    await finish('a', 'failed');
    expect(fan.isStopped).toBe(true);
    expect(started).toEqual(['a', 'b']);
    expect(outcomes).toEqual([
      ['a', 'failed'],
      ['c', 'cancelled'],
      ['off', 'cancelled'],
    ]);
    expect(fan.ready('off')).toBe(false);
    await finish('b', 'ok');
    await fan.finished;
  });

  it('parks offline targets without a slot until their agent returns or their TTL expires', async () => {
    const { fan, started, outcomes, finish } = harness(1);
    fan.start(['a'], ['x', 'y']);
    expect(started).toEqual(['a']);
    expect(fan.ready('x')).toBe(true);
    expect(started).toEqual(['a']); // queued behind a: one slot
    await finish('a', 'ok');
    expect(started).toEqual(['a', 'x']);
    expect(fan.expire('y')).toBe(true);
    expect(fan.expire('y')).toBe(false);
    expect(fan.ready('z')).toBe(false);
    await finish('x', 'ok');
    await fan.finished;
    expect(outcomes).toEqual([
      ['a', 'ok'],
      ['y', 'offline'],
      ['x', 'ok'],
    ]);
  });

  it('cancel returns the targets in flight and ends the queued ones as cancelled', async () => {
    const { fan, outcomes, finish } = harness(1);
    fan.start(['a', 'b'], ['z']);
    expect(fan.stop()).toEqual(['a']);
    expect(outcomes).toEqual([
      ['b', 'cancelled'],
      ['z', 'cancelled'],
    ]);
    await finish('a', 'cancelled');
    await fan.finished;
  });

  it('refuses a bad maxParallel and a second start', () => {
    expect(() => harness(0)).toThrow('maxParallel must be a positive integer');
    const { fan } = harness(1);
    fan.start([], []);
    expect(() => fan.start([], [])).toThrow('already started');
  });

  it('ends a parked target sent before a hub restart as timed_out at its deadline', async () => {
    const { fan, outcomes } = harness(2);
    fan.start([], ['s']);
    expect(fan.expire('s', 'timed_out')).toBe(true);
    await fan.finished;
    expect(outcomes).toEqual([['s', 'timed_out']]);
  });
});
