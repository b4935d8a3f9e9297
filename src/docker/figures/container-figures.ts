import {
  CONTAINER_METRICS,
  type ContainerHistoryPoint,
  type ContainerMetric,
  type ContainerSnapshot,
} from '@hivewatch/protocol';

/**
 * The figures of one container over one period (a minute or an hour) as stored: integers, averages
 * rounded at their scale (CPU and pids in hundredths). `figures` weighs the averages when periods
 * are merged (a minute into its hour, two writes of one minute around a restart).
 */
export interface FigureRow {
  n: number;
  running: number;
  figures: number;
  cpu: number | null;
  cpuMax: number | null;
  mem: number | null;
  memMax: number | null;
  memLimit: number | null;
  netRx: number | null;
  netTx: number | null;
  blkRead: number | null;
  blkWrite: number | null;
  pids: number | null;
}

/** Snapshot figure → stored column and its scale. */
export const METRIC_COLUMNS: Record<ContainerMetric, { column: AvgColumn; scale: number }> = {
  cpuPercent: { column: 'cpu', scale: 100 },
  memoryUsageBytes: { column: 'mem', scale: 1 },
  memoryLimitBytes: { column: 'memLimit', scale: 1 },
  netRxBytesPerSec: { column: 'netRx', scale: 1 },
  netTxBytesPerSec: { column: 'netTx', scale: 1 },
  blockReadBytesPerSec: { column: 'blkRead', scale: 1 },
  blockWriteBytesPerSec: { column: 'blkWrite', scale: 1 },
  pids: { column: 'pids', scale: 100 },
};
type AvgColumn = 'cpu' | 'mem' | 'memLimit' | 'netRx' | 'netTx' | 'blkRead' | 'blkWrite' | 'pids';
const METRIC_COUNT = CONTAINER_METRICS.length;

/** Folds the samples of one container in one period (in memory; a few numbers per container). */
export class FigureAccumulator {
  n = 0;
  running = 0;
  private readonly sums = new Float64Array(METRIC_COUNT);
  private readonly counts = new Uint32Array(METRIC_COUNT);
  private cpuMax: number | null = null;
  private memMax: number | null = null;

  constructor(readonly period: number) {}

  add(c: ContainerSnapshot): void {
    this.n++;
    if (c.state === 'running') this.running++;
    for (let i = 0; i < METRIC_COUNT; i++) {
      const v = c[CONTAINER_METRICS[i]!];
      if (v === null) continue;
      this.sums[i]! += v;
      this.counts[i]!++;
    }
    if (c.cpuPercent !== null && (this.cpuMax === null || c.cpuPercent > this.cpuMax))
      this.cpuMax = c.cpuPercent;
    if (c.memoryUsageBytes !== null && (this.memMax === null || c.memoryUsageBytes > this.memMax))
      this.memMax = c.memoryUsageBytes;
  }

  /** Whether the period is worth a row: a container that never ran nor had figures is not charted. */
  get worthKeeping(): boolean {
    return this.running > 0 || this.counts[0]! > 0 || this.counts[1]! > 0;
  }

  toRow(): FigureRow {
    const row = rowOf({
      n: this.n,
      running: this.running,
      figures: Math.max(...this.counts),
      cpuMax: this.cpuMax === null ? null : Math.round(this.cpuMax * 100),
      memMax: this.memMax === null ? null : Math.round(this.memMax),
    });
    for (let i = 0; i < METRIC_COUNT; i++) {
      if (this.counts[i] === 0) continue;
      const { column, scale } = METRIC_COLUMNS[CONTAINER_METRICS[i]!];
      row[column] = Math.round((this.sums[i]! / this.counts[i]!) * scale);
    }
    return row;
  }
}

/** Two rows of the same container and period (or a minute into its hour) as one. */
export function mergeRows(a: FigureRow, b: FigureRow): FigureRow {
  const out = rowOf({
    n: a.n + b.n,
    running: a.running + b.running,
    figures: a.figures + b.figures,
    cpuMax: max(a.cpuMax, b.cpuMax),
    memMax: max(a.memMax, b.memMax),
  });
  for (const { column } of Object.values(METRIC_COLUMNS)) out[column] = weighted(a, b, column);
  return out;
}

/** A row of these counts and maxima, its averages still empty. */
function rowOf(head: Pick<FigureRow, 'n' | 'running' | 'figures' | 'cpuMax' | 'memMax'>): FigureRow {
  return {
    ...head,
    cpu: null,
    mem: null,
    memLimit: null,
    netRx: null,
    netTx: null,
    blkRead: null,
    blkWrite: null,
    pids: null,
  };
}

function weighted(a: FigureRow, b: FigureRow, column: AvgColumn): number | null {
  const x = a[column];
  const y = b[column];
  if (x === null) return y;
  if (y === null) return x;
  const wa = Math.max(a.figures, 1);
  const wb = Math.max(b.figures, 1);
  return Math.round((x * wa + y * wb) / (wa + wb));
}

function max(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** A stored row as a history point (figures back at their own scale). */
export function toPoint(t: number, row: FigureRow): ContainerHistoryPoint {
  const figure = (metric: ContainerMetric): number | null => {
    const { column, scale } = METRIC_COLUMNS[metric];
    const v = row[column];
    return v === null ? null : v / scale;
  };
  return {
    t,
    running: row.n === 0 ? 0 : Math.min(1, row.running / row.n),
    cpuPercent: figure('cpuPercent'),
    memoryUsageBytes: figure('memoryUsageBytes'),
    memoryLimitBytes: figure('memoryLimitBytes'),
    netRxBytesPerSec: figure('netRxBytesPerSec'),
    netTxBytesPerSec: figure('netTxBytesPerSec'),
    blockReadBytesPerSec: figure('blockReadBytesPerSec'),
    blockWriteBytesPerSec: figure('blockWriteBytesPerSec'),
    pids: figure('pids'),
    cpuPercentMax: row.cpuMax === null ? null : row.cpuMax / 100,
    memoryUsageBytesMax: row.memMax,
  };
}
