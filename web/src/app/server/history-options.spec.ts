import type { History } from '../core/hub-types';
import { CHARTS, HISTORY_METRICS, chartOption, seriesFor } from './history-options';
import { resolveRange } from './history-range';

const history: History = {
  serverId: 's',
  resolution: 'minute',
  from: 0,
  to: 180_000,
  metrics: ['cpu', 'netIn', 'netOut'],
  points: [
    { t: 0, cpu: { avg: 10, max: 30 }, netIn: { avg: 1, max: 2 }, netOut: null },
    { t: 60_000, cpu: null, netIn: { avg: 3, max: 4 }, netOut: { avg: 5, max: 6 } },
  ],
};

describe('history chart options', () => {
  it('draws an average and a maximum series per metric, with gaps where a minute is missing', () => {
    const cpu = seriesFor(
      history,
      CHARTS.find((c) => c.id === 'cpu')!,
    );
    expect(cpu.map((s) => s.name)).toEqual(['CPU avg', 'CPU max']);
    expect(cpu[0].data).toEqual([
      [0, 10],
      [60_000, null],
    ]);
    expect(cpu[1].data).toEqual([
      [0, 30],
      [60_000, null],
    ]);
    const net = seriesFor(
      history,
      CHARTS.find((c) => c.id === 'net')!,
    );
    expect(net.map((s) => s.name)).toEqual(['In avg', 'In max', 'Out avg', 'Out max']);
  });

  it('charts the busiest core on its own percentage chart and asks history for it', () => {
    const spec = CHARTS.find((c) => c.metrics.includes('cpuCoreMax'))!;
    expect(spec).toMatchObject({ title: 'Busiest CPU core', unit: '%', metrics: ['cpuCoreMax'] });
    expect(HISTORY_METRICS).toContain('cpuCoreMax');
    const busy: History = {
      ...history,
      metrics: ['cpuCoreMax'],
      points: [{ t: 0, cpuCoreMax: { avg: 70, max: 98.5 } }],
    };
    const series = seriesFor(busy, spec);
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Busiest core avg', [[0, 70]]],
      ['Busiest core max', [[0, 98.5]]],
    ]);
    expect(chartOption(busy, spec, false)).toMatchObject({ yAxis: { max: 100 } });
  });

  it('spans the asked range on a time axis with zoom', () => {
    const option = chartOption(history, CHARTS[0], true) as {
      xAxis: { min: number; max: number };
      dataZoom: unknown[];
    };
    expect(option.xAxis).toMatchObject({ type: 'time', min: 0, max: 180_000 });
    expect(option.dataZoom.length).toBe(2);
  });

  it('resolves presets from now and validates custom ranges', () => {
    expect(resolveRange('24h', { from: '', to: '' }, 100 * 86_400_000)).toEqual({
      from: 99 * 86_400_000,
      to: 100 * 86_400_000,
    });
    expect(resolveRange('custom', { from: '2026-01-02T00:00', to: '2026-01-01T00:00' })).toBeNull();
    expect(resolveRange('custom', { from: '2026-01-01T00:00', to: '2026-01-02T00:00' })).not.toBeNull();
  });
});

describe('network chart units', () => {
  const net = CHARTS.find((c) => c.id === 'net')!;
  const slow: History = {
    ...history,
    metrics: ['netIn', 'netOut'],
    points: [{ t: 0, netIn: { avg: 0.004, max: 0.012 }, netOut: { avg: 0.002, max: 0.003 } }],
  };

  it('draws a kilobit host in kbit/s on the axis and in the tooltip', () => {
    const option = chartOption(slow, net, false) as {
      yAxis: { axisLabel: { formatter: string } };
      tooltip: { valueFormatter: (v: unknown) => string };
      series: { name: string; data: [number, number | null][] }[];
    };
    expect(option.yAxis.axisLabel.formatter).toBe('{value} kbit/s');
    expect(option.series.find((s) => s.name === 'In avg')!.data).toEqual([[0, 4]]);
    expect(option.tooltip.valueFormatter(4)).toBe('4 kbit/s');
  });

  it('keeps Mbit/s for megabit traffic and the theme’s grid colour', () => {
    const option = chartOption(history, net, true) as {
      yAxis: { axisLabel: { formatter: string }; splitLine: { lineStyle: { color: string } } };
    };
    expect(option.yAxis.axisLabel.formatter).toBe('{value} Mbit/s');
    expect(option.yAxis.splitLine.lineStyle.color).not.toMatch(/^#(e|f)/i);
  });
});
