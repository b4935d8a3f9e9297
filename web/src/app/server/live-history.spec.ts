import type { History, ServerMetricsSummary } from '@hivewatch/protocol';
import { LIVE_MIN_GAP_MS, MAX_LIVE_POINTS, appendLive, livePoint, withLive } from './live-history';

function sample(t: number, cpu = 10, netIn = 0.004): ServerMetricsSummary {
  return {
    at: new Date(t).toISOString(),
    cpuPercent: cpu,
    memoryPercent: 40,
    memoryUsedGB: 1,
    memoryTotalGB: 2,
    swapPercent: null,
    load1: 0.5,
    load5: 0.4,
    load15: 0.3,
    diskPercent: 50,
    diskUsedGB: 10,
    diskTotalGB: 20,
    diskReadMBps: 1,
    diskWriteMBps: 2,
    netInMbps: netIn,
    netOutMbps: 0.002,
    uptimeSeconds: 100,
    processCount: 100,
    tcpConnections: 5,
    udpConnections: 1,
    cpuTemperatureC: null,
  };
}

const T0 = Date.UTC(2026, 11, 3, 14, 30, 0);
const empty: History = {
  serverId: 's',
  resolution: 'minute',
  from: T0 - 3_600_000,
  to: T0,
  metrics: ['cpu', 'netIn'],
  points: [],
};

describe('live points after the history', () => {
  it('turns a live sample into a history point of the charted gauges', () => {
    const p = livePoint(sample(T0, 12.5))!;
    expect(p.t).toBe(T0);
    expect(p['cpu']).toEqual({ avg: 12.5, max: 12.5 });
    expect(p['netIn']).toEqual({ avg: 0.004, max: 0.004 });
    expect(p['mem']).toEqual({ avg: 40, max: 40 });
    expect(p['cpuCoreMax']).toBeUndefined(); // not in the live frame
  });

  it('appends at most one point per second and returns the same tail otherwise', () => {
    let tail = appendLive([], sample(T0));
    const same = appendLive(tail, sample(T0 + LIVE_MIN_GAP_MS - 1));
    expect(same).toBe(tail);
    tail = appendLive(tail, sample(T0 + LIVE_MIN_GAP_MS));
    expect(tail.map((p) => p.t)).toEqual([T0, T0 + LIVE_MIN_GAP_MS]);
  });

  it('keeps at most MAX_LIVE_POINTS, dropping the oldest', () => {
    let tail = appendLive([], sample(T0));
    for (let i = 1; i <= MAX_LIVE_POINTS; i++) tail = appendLive(tail, sample(T0 + i * 1000));
    expect(tail.length).toBe(MAX_LIVE_POINTS);
    expect(tail[0].t).toBe(T0 + 1000);
  });

  it('fills a new server’s empty history and moves the window to the newest sample', () => {
    const tail = appendLive(appendLive([], sample(T0 + 5_000)), sample(T0 + 10_000, 30));
    const shown = withLive(empty, tail);
    expect(shown.points.map((p) => [p.t, p['cpu']])).toEqual([
      [T0 + 5_000, { avg: 10, max: 10 }],
      [T0 + 10_000, { avg: 30, max: 30 }],
    ]);
    expect([shown.from, shown.to]).toEqual([T0 + 10_000 - 3_600_000, T0 + 10_000]);
  });

  it('draws only samples after the minute the history already holds', () => {
    const history: History = {
      ...empty,
      to: T0 + 20_000,
      points: [{ t: T0, cpu: { avg: 20, max: 25 }, netIn: { avg: 0.004, max: 0.01 } }],
    };
    const tail = [livePoint(sample(T0 - 2_000))!, livePoint(sample(T0 + 21_000))!];
    const shown = withLive(history, tail);
    expect(shown.points.map((p) => p.t)).toEqual([T0, T0 + 21_000]);
    expect(withLive(history, [])).toBe(history);
  });
});
