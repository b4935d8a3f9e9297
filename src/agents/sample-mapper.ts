import { copySeed002Gauges, type MetricsPayload, type SimpleMetrics } from '@hivewatch/protocol';
import type { Sample, SampleDisk, SampleGpu, SampleInterface } from '../records/sample.js';

/**
 * Dialect → internal Sample. Units are kept as reported (GB, MBps, Mbps); network totals are the
 * sums over interfaces. The metric registry (libs/protocol/src/metrics) says which payload field
 * fills which sample field. `time` is set by the caller (clock correction); here it is receive time.
 */
export function sampleFromEnvelopeMetrics(serverId: string, p: MetricsPayload, receivedAt: number): Sample {
  const interfaces: SampleInterface[] = new Array<SampleInterface>(p.networkInterfaces.length);
  for (let i = 0; i < p.networkInterfaces.length; i++) {
    const n = p.networkInterfaces[i]!;
    const itf: SampleInterface = {
      name: n.name,
      downloadMbps: n.downloadSpeedMbps,
      uploadMbps: n.uploadSpeedMbps,
    };
    if (n.mac !== null && n.mac !== undefined) itf.mac = n.mac;
    if (n.ipv4 !== null && n.ipv4 !== undefined) itf.ipv4 = n.ipv4;
    if (n.ipv6 !== null && n.ipv6 !== undefined) itf.ipv6 = n.ipv6;
    if (n.netRxBytes !== undefined) itf.rxBytes = n.netRxBytes;
    if (n.netTxBytes !== undefined) itf.txBytes = n.netTxBytes;
    interfaces[i] = itf;
  }
  const disks: SampleDisk[] = new Array<SampleDisk>(p.diskUsage.length);
  for (let i = 0; i < p.diskUsage.length; i++) {
    const d = p.diskUsage[i]!;
    disks[i] = {
      mountpoint: d.mountpoint,
      device: d.device,
      fstype: d.fstype,
      totalGB: d.totalGB,
      usedGB: d.usedGB,
      usagePercent: d.usagePercent,
    };
  }
  const sample: Sample = {
    serverId,
    time: receivedAt,
    receivedAt,
    live: p.backfill !== true,
    cpuPercent: p.cpuUsagePercent,
    memPercent: p.ramUsagePercent,
    memUsedGB: p.ramUsedGB,
    disks,
    interfaces,
  };
  // Every registry gauge held in one sample field (load, rates, network sums, extensions…).
  copySeed002Gauges(p, sample);
  if (p.seq !== undefined) sample.seq = p.seq;
  if (p.ramTotalGB !== undefined) sample.memTotalGB = p.ramTotalGB;
  if (p.gpus !== undefined) sample.gpus = p.gpus.map(toSampleGpu);
  if (p.watchedServices !== undefined) sample.watchedServices = p.watchedServices;
  return sample;
}

function toSampleGpu(g: NonNullable<MetricsPayload['gpus']>[number]): SampleGpu {
  const gpu: SampleGpu = { index: g.index, name: g.name };
  if (g.utilizationPercent !== null) gpu.utilizationPercent = g.utilizationPercent;
  if (g.memoryUsedMB !== null) gpu.memoryUsedMB = g.memoryUsedMB;
  if (g.memoryTotalMB !== null) gpu.memoryTotalMB = g.memoryTotalMB;
  if (g.temperatureC !== null && g.temperatureC !== undefined) gpu.temperatureC = g.temperatureC;
  return gpu;
}

/** Seed 001 `metrics`: percentages, disks in GB, network in Mbps; fields it lacks stay absent. */
export function sampleFromSimpleMetrics(serverId: string, f: SimpleMetrics, receivedAt: number): Sample {
  const disks: SampleDisk[] = (f.disk_usage ?? []).map((d, i) => {
    const total = d.total_gb ?? 0;
    const used = d.used_gb ?? 0;
    const disk: SampleDisk = {
      mountpoint: d.mountpoint ?? d.device ?? `disk${i}`,
      totalGB: total,
      usedGB: used,
      usagePercent: d.percent ?? usedPercent(used, total),
    };
    if (d.device !== undefined) disk.device = d.device;
    if (d.fstype !== undefined) disk.fstype = d.fstype;
    return disk;
  });
  let netIn = 0;
  let netOut = 0;
  const interfaces: SampleInterface[] = (f.network ?? []).map((n, i) => {
    const itf: SampleInterface = {
      name: n.name ?? `if${i}`,
      downloadMbps: n.download_mbps ?? 0,
      uploadMbps: n.upload_mbps ?? 0,
    };
    netIn += itf.downloadMbps;
    netOut += itf.uploadMbps;
    if (n.bytes_recv !== undefined) itf.rxBytes = n.bytes_recv;
    if (n.bytes_sent !== undefined) itf.txBytes = n.bytes_sent;
    return itf;
  });
  const sample: Sample = {
    serverId,
    time: receivedAt,
    receivedAt,
    live: true,
    cpuPercent: f.cpu_percent,
    memPercent: f.memory_percent,
    disks,
    interfaces,
  };
  if (interfaces.length > 0) {
    sample.netInMbps = netIn;
    sample.netOutMbps = netOut;
  }
  return sample;
}

/** used ÷ total as a percentage, 0..100 whatever the agent sent (used > total, total 0). */
function usedPercent(usedGB: number, totalGB: number): number {
  return totalGB > 0 ? Math.min(100, (usedGB / totalGB) * 100) : 0;
}

/** Seed 001 timestamps are ISO-8601; one without an offset is UTC (not the hub's local time). */
export function parseSimpleTimestamp(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
