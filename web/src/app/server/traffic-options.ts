import type { TrafficHistory, TrafficSettingsBody, TrafficUsage } from '../core/hub-types';
import type { FieldErrors } from '../shared/form/draft-form';
import { byteAxis, byteSize } from '../shared/units';
import { chartColours, timeAxis, valueAxis } from './chart-axis';

export const DAY_MS = 86_400_000;
const GB = 1e9;

/**
 * Daily in/out bytes as stacked bars (ECharts option, typed loosely like the history charts). The
 * axis takes the unit of the busiest day (B, KB, MB, GB…), so kilobyte days are as visible as
 * gigabyte ones.
 */
export function dailyChartOption(history: TrafficHistory, dark: boolean): Record<string, unknown> {
  const { text } = chartColours(dark);
  const busiest = Math.max(0, ...history.points.map((p) => p.inBytes + p.outBytes));
  const { unit, divisor } = byteAxis(busiest);
  const scaled = (v: number) => Math.round((v / divisor) * 1000) / 1000;
  return {
    animation: false,
    aria: { enabled: true, data: { maxCount: 5 } },
    textStyle: { color: text },
    grid: { left: 64, right: 16, top: 32, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? byteSize(v * divisor) : '—'),
    },
    legend: { top: 0, textStyle: { color: text } },
    xAxis: timeAxis(history.from, history.to, 480, dark),
    yAxis: valueAxis(dark, { axisLabel: { formatter: `{value} ${unit}` } }),
    series: [
      { name: 'In', type: 'bar', stack: 'bytes', data: history.points.map((p) => [p.t, scaled(p.inBytes)]) },
      {
        name: 'Out',
        type: 'bar',
        stack: 'bytes',
        data: history.points.map((p) => [p.t, scaled(p.outBytes)]),
      },
    ],
  };
}

/** Share of the quota used and projected, in percent (null without a quota). */
export function quotaShare(u: TrafficUsage): { used: number; projected: number } | null {
  if (!u.quotaBytes) return null;
  return {
    used: (u.totalBytes / u.quotaBytes) * 100,
    projected: (u.projectedTotalBytes / u.quotaBytes) * 100,
  };
}

/** Billing-cycle settings as the form edits them (quota in GB, decimal; null = none). */
export interface TrafficSettingsDraft {
  cycle: TrafficSettingsBody['cycle'];
  startDay: number | null;
  quotaGb: number | null;
}

export function settingsDraft(u: TrafficUsage): TrafficSettingsDraft {
  return { cycle: u.cycle, startDay: u.startDay, quotaGb: u.quotaBytes === null ? null : u.quotaBytes / GB };
}

export function validateSettings(d: TrafficSettingsDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (d.startDay === null || !Number.isInteger(d.startDay) || d.startDay < 1 || d.startDay > 28)
    errors['startDay'] = 'A day from 1 to 28.';
  if (d.quotaGb !== null && !(d.quotaGb > 0)) errors['quotaGb'] = 'Above 0, or empty for no quota.';
  return errors;
}

export function settingsBody(d: TrafficSettingsDraft): TrafficSettingsBody {
  return {
    cycle: d.cycle,
    startDay: d.startDay ?? 1,
    quotaBytes: d.quotaGb === null ? null : Math.max(1, Math.round(d.quotaGb * GB)),
  };
}
