import { trafficSettingsSchema } from '@hivewatch/protocol';
import type { TrafficHistory, TrafficUsage } from '../core/hub-types';
import {
  dailyChartOption,
  quotaShare,
  settingsBody,
  settingsDraft,
  validateSettings,
} from './traffic-options';

const usage: TrafficUsage = {
  serverId: 's1',
  cycle: 'monthly',
  startDay: 1,
  quotaBytes: 1e12,
  cycleStart: '2026-11-01T00:00:00.000Z',
  cycleEnd: '2026-12-01T00:00:00.000Z',
  inBytes: 2e11,
  outBytes: 5e10,
  totalBytes: 2.5e11,
  projectedInBytes: 6e11,
  projectedOutBytes: 1.5e11,
  projectedTotalBytes: 7.5e11,
};

describe('traffic panel helpers', () => {
  it('puts usage and projection against the quota', () => {
    expect(quotaShare(usage)).toEqual({ used: 25, projected: 75 });
    expect(quotaShare({ ...usage, quotaBytes: null })).toBeNull();
  });

  it('edits the billing cycle with the quota in GB and sends it in bytes', () => {
    const d = settingsDraft(usage);
    expect(d).toEqual({ cycle: 'monthly', startDay: 1, quotaGb: 1000 });
    d.cycle = 'quarterly';
    d.startDay = 15;
    d.quotaGb = 1.5;
    const body = settingsBody(d);
    expect(body).toEqual({ cycle: 'quarterly', startDay: 15, quotaBytes: 1_500_000_000 });
    expect(trafficSettingsSchema.parse(body)).toEqual(body);
    expect(settingsBody({ ...d, quotaGb: null }).quotaBytes).toBeNull();
  });

  it('refuses a start day past the 28th and a quota of nothing', () => {
    expect(validateSettings({ cycle: 'monthly', startDay: 29, quotaGb: 0 })).toEqual({
      startDay: 'A day from 1 to 28.',
      quotaGb: 'Above 0, or empty for no quota.',
    });
    expect(validateSettings({ cycle: 'yearly', startDay: 28, quotaGb: null })).toEqual({});
  });

  it('draws in and out per day as stacked bars in GB', () => {
    const history: TrafficHistory = {
      serverId: 's1',
      resolution: 'daily',
      from: 0,
      to: 2 * 86_400_000,
      points: [{ t: 86_400_000, inBytes: 1.5e9, outBytes: 2.5e8 }],
    };
    const option = dailyChartOption(history, false) as {
      series: { name: string; type: string; data: unknown }[];
    };
    expect(option.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['In', 'bar', [[86_400_000, 1.5]]],
      ['Out', 'bar', [[86_400_000, 0.25]]],
    ]);
  });
});

describe('daily traffic chart scale', () => {
  it('draws kilobyte days in KB, not as invisible slivers of a GB axis', () => {
    const history: TrafficHistory = {
      serverId: 's1',
      resolution: 'daily',
      from: 0,
      to: 2 * 86_400_000,
      points: [
        { t: 0, inBytes: 42_000, outBytes: 8_000 },
        { t: 86_400_000, inBytes: 12_000, outBytes: 3_000 },
      ],
    };
    const option = dailyChartOption(history, true) as {
      yAxis: { axisLabel: { formatter: string } };
      series: { data: [number, number][] }[];
    };
    expect(option.yAxis.axisLabel.formatter).toBe('{value} KB');
    expect(option.series[0].data).toEqual([
      [0, 42],
      [86_400_000, 12],
    ]);
  });
});
