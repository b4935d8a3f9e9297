export type TimerHandle = ReturnType<typeof setTimeout>;

/**
 * Wall clock and timers in one place, so that tests can compress an hour of agent time into seconds
 * (an accelerated source runs both `now()` and the timers faster).
 */
export interface TimeSource {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const realTime: TimeSource = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};
