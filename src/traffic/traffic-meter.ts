import type { Sample } from '../records/sample.js';

/** Last counters of one server (the in-memory twin of a traffic_state row). */
export interface MeterState {
  counters: Record<string, [number, number]>;
  uptimeSeconds: number | null;
  sampleAt: number;
}

export interface TrafficDelta {
  inBytes: number;
  outBytes: number;
}

/** Rates are integrated over at most this long: a longer silence is a gap, not traffic. */
export const MAX_RATE_GAP_MS = 60_000;

/**
 * Bytes moved since the previous sample. Interfaces with cumulative counters use them: a counter
 * that went down (host reboot, driver reset, 32-bit wrap) or a smaller host uptime means the counter
 * restarted, so its whole value is new traffic. Interfaces without counters integrate their rates
 * (Mbit/s) over the time since the previous sample, capped at MAX_RATE_GAP_MS.
 * Returns the delta and the new state; the first sample of a server only sets the state.
 */
export function meter(prev: MeterState | undefined, s: Sample): { delta: TrafficDelta; next: MeterState } {
  // Interface names come from the agent: `toString`, `constructor` or `__proto__` must be plain keys.
  const counters = Object.create(null) as MeterState['counters'];
  const next: MeterState = { counters, uptimeSeconds: s.uptimeSeconds ?? null, sampleAt: s.time };
  const delta: TrafficDelta = { inBytes: 0, outBytes: 0 };
  const rebooted =
    prev !== undefined &&
    prev.uptimeSeconds !== null &&
    s.uptimeSeconds !== undefined &&
    s.uptimeSeconds < prev.uptimeSeconds;
  const dtSeconds = prev ? Math.min(Math.max(0, s.time - prev.sampleAt), MAX_RATE_GAP_MS) / 1000 : 0;
  for (const itf of s.interfaces) {
    if (itf.rxBytes !== undefined && itf.txBytes !== undefined) {
      next.counters[itf.name] = [itf.rxBytes, itf.txBytes];
      const last = prev && Object.hasOwn(prev.counters, itf.name) ? prev.counters[itf.name] : undefined;
      if (!last) continue;
      delta.inBytes += counterDelta(last[0], itf.rxBytes, rebooted);
      delta.outBytes += counterDelta(last[1], itf.txBytes, rebooted);
    } else if (prev) {
      delta.inBytes += (itf.downloadMbps * 1e6 * dtSeconds) / 8;
      delta.outBytes += (itf.uploadMbps * 1e6 * dtSeconds) / 8;
    }
  }
  delta.inBytes = Math.round(delta.inBytes);
  delta.outBytes = Math.round(delta.outBytes);
  return { delta, next };
}

function counterDelta(last: number, current: number, rebooted: boolean): number {
  if (rebooted || current < last) return current;
  return current - last;
}
