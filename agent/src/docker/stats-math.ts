import { CPU_SHARE_PERCENT_MAX, type ContainerFigures } from '@hivewatch/protocol';
import { arr, bytes, count, num, obj, str, type JsonObject } from './engine-values.js';

/**
 * One `GET /containers/{id}/stats?stream=false&one-shot=true` reading, reduced to the counters the
 * agent keeps between collections. One-shot answers at once (no 1 s second sample by the engine);
 * its `precpu_stats` is empty, so CPU % and rates come from the agent's previous reading.
 */
export interface StatsReading {
  /** Engine read time, ms (falls back to the agent's clock). */
  at: number;
  cpuTotal: number | undefined;
  systemTotal: number | undefined;
  onlineCpus: number | undefined;
  memoryUsage: number | null;
  memoryLimit: number | null;
  pids: number | null;
  /** Sums over the container's interfaces; undefined when it has none (`--network none`). */
  netRx: number | undefined;
  netTx: number | undefined;
  blockRead: number;
  blockWrite: number;
}

export function readStats(raw: unknown, fallbackAt: number): StatsReading {
  const stats = obj(raw);
  const cpu = obj(stats['cpu_stats']);
  const usage = obj(cpu['cpu_usage']);
  const engineAt = Date.parse((str(stats['read']) ?? '').replace(/(\.\d{3})\d+/, '$1'));
  const perCpu = arr(usage['percpu_usage']).length;
  const networks = stats['networks'];
  const net = networks === undefined || networks === null ? undefined : networkTotals(obj(networks));
  const block = blockTotals(obj(stats['blkio_stats']));
  return {
    at: Number.isFinite(engineAt) && engineAt > 0 ? engineAt : fallbackAt,
    cpuTotal: num(usage['total_usage']),
    systemTotal: num(cpu['system_cpu_usage']),
    onlineCpus: num(cpu['online_cpus']) ?? (perCpu > 0 ? perCpu : undefined),
    memoryUsage: memoryUsage(obj(stats['memory_stats'])),
    memoryLimit: memoryLimit(obj(stats['memory_stats'])),
    pids: count(obj(stats['pids_stats'])['current']),
    netRx: net?.rx,
    netTx: net?.tx,
    blockRead: block.read,
    blockWrite: block.write,
  };
}

/**
 * Usage minus inactive page cache, as `docker stats` shows it: cgroup v1 reports
 * `total_inactive_file`, v2 `inactive_file` (older v1 engines only `cache`).
 */
export function memoryUsage(memory: JsonObject): number | null {
  const usage = num(memory['usage']);
  if (usage === undefined) return null;
  const stats = obj(memory['stats']);
  const inactive = num(stats['total_inactive_file']) ?? num(stats['inactive_file']) ?? num(stats['cache']);
  return bytes(inactive !== undefined && inactive < usage ? usage - inactive : usage);
}

/** The limit; "unlimited" on cgroup v1 is a huge number, kept as is (the host's RAM caps it in practice). */
function memoryLimit(memory: JsonObject): number | null {
  const limit = num(memory['limit']);
  return limit === undefined || limit <= 0 ? null : bytes(limit);
}

function networkTotals(networks: JsonObject): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const value of Object.values(networks)) {
    const net = obj(value);
    rx += num(net['rx_bytes']) ?? 0;
    tx += num(net['tx_bytes']) ?? 0;
  }
  return { rx, tx };
}

/** `io_service_bytes_recursive`: `Read`/`Write` on cgroup v1, `read`/`write` on v2; null list = no I/O yet. */
function blockTotals(blkio: JsonObject): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const value of arr(blkio['io_service_bytes_recursive'])) {
    const entry = obj(value);
    const op = (str(entry['op']) ?? '').toLowerCase();
    const amount = num(entry['value']) ?? 0;
    if (op === 'read') read += amount;
    else if (op === 'write') write += amount;
  }
  return { read, write };
}

/** Container CPU time delta ÷ host CPU time delta × online CPUs × 100 (100 = one CPU busy). */
export function cpuPercent(previous: StatsReading, current: StatsReading): number | null {
  const { cpuTotal, systemTotal, onlineCpus } = current;
  if (cpuTotal === undefined || systemTotal === undefined || onlineCpus === undefined) return null;
  if (previous.cpuTotal === undefined || previous.systemTotal === undefined) return null;
  const cpuDelta = cpuTotal - previous.cpuTotal;
  const systemDelta = systemTotal - previous.systemTotal;
  if (cpuDelta < 0 || systemDelta <= 0) return null;
  const percent = (cpuDelta / systemDelta) * onlineCpus * 100;
  return Math.min(Math.round(percent * 100) / 100, CPU_SHARE_PERCENT_MAX);
}

/** Bytes per second between two counter values; null without both, on a reset or with no time between. */
export function rate(
  previous: number | undefined,
  current: number | undefined,
  elapsedSeconds: number,
): number | null {
  if (previous === undefined || current === undefined || elapsedSeconds <= 0 || current < previous)
    return null;
  return Math.min(Math.round(((current - previous) / elapsedSeconds) * 100) / 100, 1e12);
}

/** The snapshot's figures: gauges from `current`, CPU % and rates only with a previous reading. */
export function figures(previous: StatsReading | undefined, current: StatsReading): ContainerFigures {
  const elapsed = previous ? (current.at - previous.at) / 1000 : 0;
  return {
    cpuPercent: previous ? cpuPercent(previous, current) : null,
    memoryUsageBytes: current.memoryUsage,
    memoryLimitBytes: current.memoryLimit,
    netRxBytesPerSec: previous ? rate(previous.netRx, current.netRx, elapsed) : null,
    netTxBytesPerSec: previous ? rate(previous.netTx, current.netTx, elapsed) : null,
    blockReadBytesPerSec: previous ? rate(previous.blockRead, current.blockRead, elapsed) : null,
    blockWriteBytesPerSec: previous ? rate(previous.blockWrite, current.blockWrite, elapsed) : null,
    pids: current.pids,
  };
}
