import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { IntervalJobs } from './interval-jobs.js';

/** A promise the test settles by hand: a job run that is "still going". */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets settled job promises run their callbacks (fake timers do not touch microtasks). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('IntervalJobs', () => {
  let jobs: IntervalJobs;
  let errors: jest.SpiedFunction<Logger['error']>;

  beforeEach(() => {
    jest.useFakeTimers();
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jobs = new IntervalJobs();
  });
  afterEach(() => {
    jobs.onModuleDestroy();
    errors.mockRestore();
    jest.useRealTimers();
  });

  it('runs nothing before bootstrap, then every period', () => {
    const run = jest.fn();
    jobs.every('sweep', 1000, run);
    jest.advanceTimersByTime(5000);
    expect(run).not.toHaveBeenCalled();
    jobs.onApplicationBootstrap();
    jest.advanceTimersByTime(3500);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('skips a tick while the previous run is still going', async () => {
    const runs: ReturnType<typeof deferred>[] = [];
    jobs.every('flush', 1000, () => {
      const d = deferred();
      runs.push(d);
      return d.promise;
    });
    jobs.onApplicationBootstrap();
    jest.advanceTimersByTime(3000);
    expect(runs).toHaveLength(1); // ticks 2 and 3 found run 1 still going
    runs[0]!.resolve();
    await settle();
    jest.advanceTimersByTime(1000);
    expect(runs).toHaveLength(2);
  });

  it('logs a failure with the job name and runs again on the next tick', async () => {
    let calls = 0;
    jobs.every('alert evaluation', 1000, () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('database is locked')) : Promise.resolve();
    });
    jobs.every('live batch', 1000, () => {
      throw new Error('socket gone');
    });
    jobs.onApplicationBootstrap();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({
        job: 'alert evaluation',
        err: expect.objectContaining({ message: 'database is locked' }),
      }),
      'alert evaluation failed',
    );
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ job: 'live batch' }), 'live batch failed');
    jest.advanceTimersByTime(1000);
    await settle();
    expect(calls).toBe(2);
    expect(errors).toHaveBeenCalledTimes(3); // the async job once, the synchronous one twice
  });

  it('stops every timer on shutdown and does not start again', () => {
    const a = jest.fn();
    const b = jest.fn();
    jobs.every('a', 1000, a);
    jobs.every('b', 250, b);
    jobs.onApplicationBootstrap();
    jest.advanceTimersByTime(1000);
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 4]);
    jobs.onModuleDestroy();
    jobs.onApplicationBootstrap();
    jest.advanceTimersByTime(10_000);
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 4]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('starts a job registered after bootstrap at once', () => {
    jobs.onApplicationBootstrap();
    const run = jest.fn();
    jobs.every('late', 500, run);
    jest.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
