import {
  DISK_RATE_MBPS_MAX,
  MAX_ADDRESS_CHARS,
  MAX_CPU_CORES,
  MAX_DISKS,
  MAX_GPUS,
  MAX_INTERFACES,
  MAX_NAME_CHARS,
  MAX_PATH_CHARS,
  MAX_WATCHED_SERVICES,
  NET_RATE_MBITPS_MAX,
  NORMALIZED_LOAD_MAX,
  SIZE_GB_MAX,
  SIZE_MB_MAX,
  type MetricsPayload,
  type WatchedService,
} from '@hivewatch/protocol';
import type { DiskUsage, GpuMetrics, MetricsSnapshot, NetworkInterfaceMetrics } from '../collectors/types.js';
import {
  fitAddress,
  fitAmount,
  fitRateMbps,
  fitByteCounter,
  fitCount,
  fitPercent,
  fitTemperature,
  fitText,
  fitUptime,
  keepBest,
  type ListTrimmed,
  type TrimmedList,
} from './payload-limits.js';

type LivePayload = Omit<MetricsPayload, 'seq' | 'backfill'>;

/** Largest filesystem first. */
const bySize = (a: DiskUsage, b: DiskUsage): number => b.totalGB - a.totalGB;
/** Most bytes moved since boot first (stable from sample to sample), then the busiest right now. */
const byTraffic = (a: NetworkInterfaceMetrics, b: NetworkInterfaceMetrics): number =>
  (b.netRxBytes ?? 0) + (b.netTxBytes ?? 0) - ((a.netRxBytes ?? 0) + (a.netTxBytes ?? 0)) ||
  b.uploadSpeedMbps + b.downloadSpeedMbps - (a.uploadSpeedMbps + a.downloadSpeedMbps);

/**
 * The collectors' snapshot as the `metrics` payload (seed-002 names and units, plus our extensions),
 * fitted into the protocol's limits so that the hub never refuses it (payload-limits.ts): lists cut
 * to their caps (`onTrimmed` is told), strings to their lengths, numbers into their ranges.
 */
export function toMetricsPayload(
  s: MetricsSnapshot,
  watched: WatchedService[] | undefined,
  onTrimmed: (trimmed: ListTrimmed) => void = () => undefined,
): LivePayload {
  const capped = <T>(list: TrimmedList, items: readonly T[], max: number, rank?: (a: T, b: T) => number) => {
    const kept = keepBest(items, max, rank);
    if (kept.length < items.length) onTrimmed({ list, reported: items.length, kept: kept.length });
    return kept;
  };
  const payload: LivePayload = {
    cpuUsagePercent: fitPercent(s.cpuUsagePercent),
    ramUsagePercent: fitPercent(s.ramUsagePercent),
    ramUsedGB: fitAmount(s.ramUsedGB, SIZE_GB_MAX),
    uptimeSeconds: fitUptime(s.uptimeSeconds),
    normalizedLoad: {
      '1m': fitAmount(s.normalizedLoad['1m'], NORMALIZED_LOAD_MAX),
      '5m': fitAmount(s.normalizedLoad['5m'], NORMALIZED_LOAD_MAX),
      '15m': fitAmount(s.normalizedLoad['15m'], NORMALIZED_LOAD_MAX),
    },
    diskReadSpeedMBps: fitAmount(s.diskReadSpeedMBps, DISK_RATE_MBPS_MAX),
    diskWriteSpeedMBps: fitAmount(s.diskWriteSpeedMBps, DISK_RATE_MBPS_MAX),
    diskUsage: capped('diskUsage', s.diskUsage, MAX_DISKS, bySize).map(diskPayload),
    networkInterfaces: capped('networkInterfaces', s.networkInterfaces, MAX_INTERFACES, byTraffic).map(
      interfacePayload,
    ),
  };
  if (s.cpuPerCorePercent !== undefined)
    payload.cpuPerCorePercent = s.cpuPerCorePercent.slice(0, MAX_CPU_CORES).map(fitPercent);
  if (s.swapUsagePercent !== undefined) payload.swapUsagePercent = fitPercent(s.swapUsagePercent);
  if (s.ramTotalGB !== undefined) payload.ramTotalGB = fitAmount(s.ramTotalGB, SIZE_GB_MAX);
  if (s.processCount !== undefined) payload.processCount = fitCount(s.processCount);
  if (s.tcpConnections !== undefined) payload.tcpConnections = fitCount(s.tcpConnections);
  if (s.udpConnections !== undefined) payload.udpConnections = fitCount(s.udpConnections);
  const cpuTemperatureC = fitTemperature(s.cpuTemperatureC);
  if (cpuTemperatureC !== undefined) payload.cpuTemperatureC = cpuTemperatureC;
  if (s.gpus !== undefined) payload.gpus = capped('gpus', s.gpus, MAX_GPUS).map(gpuPayload);
  if (watched !== undefined && watched.length > 0)
    payload.watchedServices = capped('watchedServices', watched, MAX_WATCHED_SERVICES).map((w) => ({
      name: fitText(w.name, MAX_NAME_CHARS),
      activeState: fitText(w.activeState, MAX_NAME_CHARS),
      subState: fitText(w.subState, MAX_NAME_CHARS),
    }));
  return payload;
}

function diskPayload(d: DiskUsage): LivePayload['diskUsage'][number] {
  return {
    device: fitText(d.device, MAX_PATH_CHARS),
    mountpoint: fitText(d.mountpoint, MAX_PATH_CHARS),
    fstype: fitText(d.fstype, MAX_NAME_CHARS),
    totalGB: fitAmount(d.totalGB, SIZE_GB_MAX),
    usedGB: fitAmount(d.usedGB, SIZE_GB_MAX),
    usagePercent: fitPercent(d.usagePercent),
  };
}

function interfacePayload(i: NetworkInterfaceMetrics): LivePayload['networkInterfaces'][number] {
  const entry: LivePayload['networkInterfaces'][number] = {
    name: fitText(i.name, MAX_NAME_CHARS),
    mac: fitAddress(i.mac, MAX_ADDRESS_CHARS),
    ipv4: fitAddress(i.ipv4, MAX_ADDRESS_CHARS),
    ipv6: fitAddress(i.ipv6, MAX_ADDRESS_CHARS),
    uploadSpeedMbps: fitRateMbps(i.uploadSpeedMbps, NET_RATE_MBITPS_MAX),
    downloadSpeedMbps: fitRateMbps(i.downloadSpeedMbps, NET_RATE_MBITPS_MAX),
  };
  const rx = fitByteCounter(i.netRxBytes);
  const tx = fitByteCounter(i.netTxBytes);
  if (rx !== undefined) entry.netRxBytes = rx;
  if (tx !== undefined) entry.netTxBytes = tx;
  return entry;
}

function gpuPayload(g: GpuMetrics): NonNullable<LivePayload['gpus']>[number] {
  const nullable = (value: number | null, fit: (v: number) => number): number | null =>
    value === null || !Number.isFinite(value) ? null : fit(value);
  return {
    index: fitCount(g.index),
    name: fitText(g.name, MAX_NAME_CHARS),
    utilizationPercent: nullable(g.utilizationPercent, fitPercent),
    memoryUsedMB: nullable(g.memoryUsedMB, (v) => fitAmount(v, SIZE_MB_MAX)),
    memoryTotalMB: nullable(g.memoryTotalMB, (v) => fitAmount(v, SIZE_MB_MAX)),
    temperatureC: fitTemperature(g.temperatureC) ?? null,
  };
}
