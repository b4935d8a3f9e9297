import { describe, expect, it } from '@jest/globals';
import { makeSample } from '../records/samples.test-helper.js';
import { cycleBounds, project } from './billing-cycle.js';
import { meter, type MeterState } from './traffic-meter.js';

const T = Date.UTC(2030, 4, 10, 12, 0, 0);
const itf = (rx: number, tx: number) => [
  { name: 'eth0', downloadMbps: 8, uploadMbps: 8, rxBytes: rx, txBytes: tx },
];

describe('traffic meter', () => {
  it('counts counter deltas, and a counter reset (reboot) as new traffic from zero', () => {
    let state: MeterState | undefined;
    const step = (time: number, rx: number, tx: number, uptime: number) => {
      const r = meter(
        state,
        makeSample({ serverId: 's', time, uptimeSeconds: uptime, interfaces: itf(rx, tx) }),
      );
      state = r.next;
      return r.delta;
    };
    expect(step(T, 1000, 500, 100)).toEqual({ inBytes: 0, outBytes: 0 }); // first sample: state only
    expect(step(T + 5000, 4000, 700, 105)).toEqual({ inBytes: 3000, outBytes: 200 });
    // counters went down: restarted at zero
    expect(step(T + 10_000, 300, 100, 110)).toEqual({ inBytes: 300, outBytes: 100 });
    // uptime went down but counters are larger than before (busy reboot): still a restart
    expect(step(T + 15_000, 900, 400, 3)).toEqual({ inBytes: 900, outBytes: 400 });
    expect(step(T + 20_000, 1000, 400, 8)).toEqual({ inBytes: 100, outBytes: 0 });
  });

  it('integrates rates (Mbit/s) when there are no counters, capped over gaps', () => {
    const rates = [{ name: 'eth0', downloadMbps: 8, uploadMbps: 1.6 }];
    const first = meter(undefined, makeSample({ serverId: 's', time: T, interfaces: rates }));
    const second = meter(first.next, makeSample({ serverId: 's', time: T + 10_000, interfaces: rates }));
    expect(second.delta).toEqual({ inBytes: 10_000_000, outBytes: 2_000_000 });
    const afterGap = meter(
      second.next,
      makeSample({ serverId: 's', time: T + 3_600_000, interfaces: rates }),
    );
    expect(afterGap.delta).toEqual({ inBytes: 60_000_000, outBytes: 12_000_000 });
  });
});

describe('billing cycles', () => {
  it('monthly, quarterly and yearly bounds from a start day (UTC)', () => {
    expect(cycleBounds({ cycle: 'monthly', startDay: 1 }, T)).toEqual({
      start: Date.UTC(2030, 4, 1),
      end: Date.UTC(2030, 5, 1),
    });
    expect(cycleBounds({ cycle: 'monthly', startDay: 15 }, T)).toEqual({
      start: Date.UTC(2030, 3, 15),
      end: Date.UTC(2030, 4, 15),
    });
    expect(cycleBounds({ cycle: 'quarterly', startDay: 1 }, T)).toEqual({
      start: Date.UTC(2030, 3, 1),
      end: Date.UTC(2030, 6, 1),
    });
    expect(cycleBounds({ cycle: 'yearly', startDay: 5 }, Date.UTC(2030, 0, 3))).toEqual({
      start: Date.UTC(2029, 0, 5),
      end: Date.UTC(2030, 0, 5),
    });
    expect(cycleBounds({ cycle: 'monthly', startDay: 20 }, Date.UTC(2030, 0, 3))).toEqual({
      start: Date.UTC(2029, 11, 20),
      end: Date.UTC(2030, 0, 20),
    });
  });

  it('projects the cycle total linearly', () => {
    const bounds = { start: 0, end: 30 };
    expect(project(100, bounds, 10)).toBe(300);
  });
});

describe('interface names that are Object.prototype keys', () => {
  it('meters `toString`, `constructor` and `__proto__` like any other name', () => {
    const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
    const sample = (time: number, bytes: number) =>
      makeSample({
        serverId: 's',
        time,
        uptimeSeconds: 100 + time / 1000,
        interfaces: names.map((name) => ({
          name,
          uploadMbps: 0,
          downloadMbps: 0,
          rxBytes: bytes,
          txBytes: bytes,
        })),
      });
    const first = meter(undefined, sample(0, 10));
    expect(first.delta).toEqual({ inBytes: 0, outBytes: 0 });
    expect(Object.keys(first.next.counters).sort()).toEqual([...names].sort());
    const second = meter(JSON.parse(JSON.stringify(first.next)) as MeterState, sample(5_000, 110));
    expect(second.delta).toEqual({ inBytes: 400, outBytes: 400 });
  });
});
