import type { ContainerHistoryPoint } from '@hivewatch/protocol';
import type { ContainerHistoryData as ContainerHistory } from '../../docker/docker.api';
import { byteAxis, byteSize } from '../../shared/units';
import { PLOT_INSET_PX, chartColours, timeAxis, valueAxis } from '../chart-axis';

type Key = keyof Omit<ContainerHistoryPoint, 't'>;
type Pair = [number, number | null];

/** One container chart: its series (history keys) and whether values are bytes (sizes or rates). */
export interface ContainerChartSpec {
  id: 'cpu' | 'memory' | 'network' | 'block';
  title: string;
  unit: '%' | 'B' | 'B/s';
  series: readonly { key: Key; name: string; dashed?: boolean }[];
}

type ChartSeries = ContainerChartSpec['series'][number];

function line(key: Key, name: string, dashed = false): ChartSeries {
  return { key, name, dashed };
}

function chart(
  id: ContainerChartSpec['id'],
  title: string,
  unit: ContainerChartSpec['unit'],
  ...series: ChartSeries[]
): ContainerChartSpec {
  return { id, title, unit, series };
}

export const CONTAINER_CHARTS: readonly ContainerChartSpec[] = [
  chart('cpu', 'CPU', '%', line('cpuPercent', 'CPU avg'), line('cpuPercentMax', 'CPU max', true)),
  chart(
    'memory',
    'Memory',
    'B',
    line('memoryUsageBytes', 'Used avg'),
    line('memoryUsageBytesMax', 'Used max', true),
    line('memoryLimitBytes', 'Limit', true),
  ),
  chart('network', 'Network', 'B/s', line('netRxBytesPerSec', 'Received'), line('netTxBytesPerSec', 'Sent')),
  chart(
    'block',
    'Block I/O',
    'B/s',
    line('blockReadBytesPerSec', 'Read'),
    line('blockWriteBytesPerSec', 'Written'),
  ),
];

export function seriesOf(
  history: ContainerHistory,
  spec: ContainerChartSpec,
): { name: string; data: Pair[]; dashed: boolean }[] {
  return spec.series
    .map((s) => ({
      name: s.name,
      dashed: s.dashed ?? false,
      data: history.points.map((p): Pair => {
        const v = p[s.key];
        return [p.t, typeof v === 'number' ? v : null];
      }),
    }))
    .filter((s) => s.name !== 'Limit' || s.data.some(([, v]) => v !== null));
}

function largest(series: { data: Pair[] }[]): number {
  let max = 0;
  for (const s of series) for (const [, v] of s.data) if (v !== null && v > max) max = v;
  return max;
}

/** ECharts option of one container chart (loosely typed: ECharts' own option type is heavy). */
export function containerChartOption(
  history: ContainerHistory,
  spec: ContainerChartSpec,
  dark: boolean,
  chartWidthPx = 400,
): Record<string, unknown> {
  const { text } = chartColours(dark);
  const raw = seriesOf(history, spec);
  const axis = spec.unit === '%' ? { unit: '%', divisor: 1 } : byteAxis(largest(raw));
  const suffix = spec.unit === 'B/s' ? `${axis.unit}/s` : axis.unit;
  const format = (v: unknown) =>
    typeof v !== 'number'
      ? '—'
      : spec.unit === '%'
        ? `${Math.round(v * 10) / 10} %`
        : `${byteSize(v * axis.divisor)}${spec.unit === 'B/s' ? '/s' : ''}`;
  return {
    animation: false,
    aria: { enabled: true, data: { maxCount: 5 } },
    textStyle: { color: text },
    grid: { left: 64, right: 16, top: 32, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: format },
    legend: { top: 0, textStyle: { color: text } },
    xAxis: timeAxis(Date.parse(history.from), Date.parse(history.to), chartWidthPx - PLOT_INSET_PX, dark),
    yAxis: valueAxis(dark, { min: 0, axisLabel: { formatter: `{value} ${suffix}` } }),
    series: raw.map((s) => ({
      name: s.name,
      type: 'line',
      showSymbol: s.data.filter(([, v]) => v !== null).length < 3,
      connectNulls: false,
      lineStyle: { width: s.dashed ? 1 : 2, type: s.dashed ? 'dashed' : 'solid' },
      data:
        axis.divisor === 1 ? s.data : s.data.map(([t, v]): Pair => [t, v === null ? null : v / axis.divisor]),
    })),
  };
}
