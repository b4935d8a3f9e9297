import { CHARTS_OF_METRICS, type AvgMax, type History, type NetPoint } from '@hivewatch/protocol';

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

/** ECharts option for one chart (typed loosely: ECharts' own option type is heavy to import). */
export function chartOption(history: History, spec: ChartSpec, dark: boolean): Record<string, unknown> {
  const text = dark ? '#c9d1d9' : '#333';
  const series = seriesFor(history, spec).map((s) => ({
    name: s.name,
    type: 'line',
    showSymbol: false,
    connectNulls: false,
    lineStyle: { width: s.dashed ? 1 : 2, type: s.dashed ? 'dashed' : 'solid' },
    data: s.data,
  }));
  return {
    animation: false,
    // ECharts describes the chart and its data in an aria-label: screen readers (and tests) can read it
    aria: { enabled: true, data: { maxCount: 5 } },
    textStyle: { color: text },
    grid: { left: 48, right: 16, top: 32, bottom: 56 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: text } },
    xAxis: { type: 'time', min: history.from, max: history.to },
    yAxis: {
      type: 'value',
      ...(spec.unit === '%' ? { max: 100 } : {}),
      axisLabel: { formatter: `{value}${spec.unit ? ' ' + spec.unit : ''}` },
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series,
  };
}
