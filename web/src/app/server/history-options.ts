import { CHARTS_OF_METRICS, type AvgMax, type History, type NetPoint } from '@hivewatch/protocol';
import { bitRate, bitRateAxis } from '../shared/units';
import { PLOT_INSET_PX, chartColours, timeAxis, valueAxis } from './chart-axis';

/** One chart: which history metrics it draws and how values read. */
export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  metrics: readonly string[];
}

/** The charted metrics of the registry (libs/protocol/src/metrics), grouped by chart. */
export const CHARTS: readonly ChartSpec[] = CHARTS_OF_METRICS.map((c) => ({
  id: c.id,
  title: c.title,
  unit: c.unit,
  metrics: c.metrics.map((m) => m.key),
}));

export const HISTORY_METRICS: readonly string[] = [...new Set(CHARTS.flatMap((c) => c.metrics))];

type Pair = [number, number | null];

/** Legend of each charted metric's series. */
const LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  CHARTS_OF_METRICS.flatMap((c) => c.metrics.map((m) => [m.key, m.chart?.legend ?? m.label])),
);

function isAvgMax(v: unknown): v is AvgMax {
  return typeof v === 'object' && v !== null && 'avg' in v && 'max' in v;
}

/** Average and maximum series per metric of the chart: [time, value] pairs, null where a period is missing. */
export function seriesFor(
  history: History,
  spec: ChartSpec,
): { name: string; data: Pair[]; dashed: boolean }[] {
  const out: { name: string; data: Pair[]; dashed: boolean }[] = [];
  for (const metric of spec.metrics) {
    const avg: Pair[] = [];
    const max: Pair[] = [];
    for (const p of history.points) {
      const v = p[metric] as AvgMax | NetPoint | number | null | undefined;
      const a = isAvgMax(v) ? v.avg : typeof v === 'number' ? v : null;
      const m = isAvgMax(v) ? v.max : typeof v === 'number' ? v : null;
      avg.push([p.t, a]);
      max.push([p.t, m]);
    }
    const label = LABELS[metric] ?? metric;
    out.push({ name: `${label} avg`, data: avg, dashed: false });
    out.push({ name: `${label} max`, data: max, dashed: true });
  }
  return out;
}

/** Charts whose values are network rates (Mbit/s): drawn and read in the unit that fits them. */
const isRateChart = (spec: ChartSpec) => spec.unit === 'Mbps' || spec.unit === 'Mbit/s';

function largest(series: { data: Pair[] }[]): number {
  let max = 0;
  for (const s of series) for (const [, v] of s.data) if (v !== null && v > max) max = v;
  return max;
}

/**
 * ECharts option for one chart (typed loosely: ECharts' own option type is heavy to import).
 * `chartWidthPx` is the chart's width: the time axis keeps its labels apart at that width.
 */
export function chartOption(
  history: History,
  spec: ChartSpec,
  dark: boolean,
  chartWidthPx = 400,
): Record<string, unknown> {
  const { text } = chartColours(dark);
  const raw = seriesFor(history, spec);
  const rate = isRateChart(spec) ? bitRateAxis(largest(raw)) : null;
  const divisor = rate?.divisor ?? 1;
  const unit = rate?.unit ?? spec.unit;
  const series = raw.map((s) => ({
    name: s.name,
    type: 'line',
    // a lone point (a new server's first sample) has no line: draw it as a dot
    showSymbol: s.data.filter(([, v]) => v !== null).length < 3,
    connectNulls: false,
    lineStyle: { width: s.dashed ? 1 : 2, type: s.dashed ? 'dashed' : 'solid' },
    data: divisor === 1 ? s.data : s.data.map(([t, v]): Pair => [t, v === null ? null : v / divisor]),
  }));
  const fmt = (v: unknown) =>
    typeof v !== 'number'
      ? '—'
      : rate
        ? bitRate(v * divisor)
        : `${round(v)}${spec.unit ? ' ' + spec.unit : ''}`;
  return {
    animation: false,
    // ECharts describes the chart and its data in an aria-label: screen readers (and tests) can read it
    aria: { enabled: true, data: { maxCount: 5 } },
    textStyle: { color: text },
    // rate labels ("12.5 kbit/s") are wider than percentages
    grid: { left: rate ? 64 : 48, right: 16, top: 32, bottom: 56 },
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend: { top: 0, textStyle: { color: text } },
    xAxis: timeAxis(history.from, history.to, chartWidthPx - PLOT_INSET_PX, dark),
    yAxis: valueAxis(dark, {
      ...(spec.unit === '%' ? { max: 100 } : {}),
      axisLabel: { formatter: `{value}${unit ? ' ' + unit : ''}` },
    }),
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8, textStyle: { color: text } }],
    series,
  };
}

const round = (v: number) => Math.round(v * 100) / 100;
