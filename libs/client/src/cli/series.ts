import type { History, HistoryPoint } from '@hivewatch/protocol';

/** One value of a history point: a gauge's mean and maximum, an interface's rates, a counter, or a gap. */
export type PointValue = HistoryPoint[string];

type Shape = 'gauge' | 'net' | 'single';

function shapeOf(value: PointValue | undefined): Shape | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return 'single';
  return 'avg' in value ? 'gauge' : 'net';
}

/**
 * How each metric of an answer is laid out in columns, read from the values themselves (so the
 * command line follows the hub's catalogue without a list of its own): gauges as `<m>_avg,<m>_max`,
 * interfaces as `<m>_in,<m>_out`, counters and filesystem usage as `<m>`.
 */
function shapes(history: History): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const m of history.metrics) {
    let shape: Shape = 'single';
    for (const p of history.points) {
      const s = shapeOf(p[m]);
      if (s !== null) {
        shape = s;
        break;
      }
    }
    out.set(m, shape);
  }
  return out;
}

function columnsOf(metric: string, shape: Shape): string[] {
  switch (shape) {
    case 'gauge':
      return [`${metric}_avg`, `${metric}_max`];
    case 'net':
      return [`${metric}_in`, `${metric}_out`];
    case 'single':
      return [metric];
  }
}

function cellsOf(value: PointValue | undefined, shape: Shape, format: (n: number) => string): string[] {
  const width = shape === 'single' ? 1 : 2;
  if (value === null || value === undefined) return new Array<string>(width).fill('');
  if (typeof value === 'number') return [format(value)];
  if ('avg' in value) return [format(value.avg), format(value.max)];
  return [format(value.in), format(value.out)];
}

/** The answer as a header (`time`, then the metric columns) and one row per point; empty cells for gaps. */
export function historyRows(
  history: History,
  formatTime: (ms: number) => string,
  formatNumber: (n: number) => string = String,
): { header: string[]; rows: string[][] } {
  const layout = shapes(history);
  const header = ['time', ...history.metrics.flatMap((m) => columnsOf(m, layout.get(m) ?? 'single'))];
  const rows = history.points.map((p) => [
    formatTime(p.t),
    ...history.metrics.flatMap((m) => cellsOf(p[m], layout.get(m) ?? 'single', formatNumber)),
  ]);
  return { header, rows };
}

/**
 * The value of `metric` at a point as a limit sees it: for `--max` the period's maximum (or the
 * higher of an interface's two rates), for `--min` its mean (the hub keeps no per-period minimum;
 * for an interface the lower rate). Null for a gap.
 */
export function valueFor(value: PointValue | undefined, bound: 'max' | 'min'): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if ('avg' in value) return bound === 'max' ? value.max : value.avg;
  return bound === 'max' ? Math.max(value.in, value.out) : Math.min(value.in, value.out);
}
