import type { MetricsPayload, WatchedService } from '@hivewatch/protocol';
import type { MetricsSnapshot } from '../collectors/types.js';

type LivePayload = Omit<MetricsPayload, 'seq' | 'backfill'>;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The collectors' snapshot as the `metrics` payload (seed-002 names and units, plus our extensions). */
export function toMetricsPayload(s: MetricsSnapshot, watched: WatchedService[] | undefined): LivePayload {
  const payload: LivePayload = {
    cpuUsagePercent: round2(s.cpuUsagePercent),
    ramUsagePercent: round2(s.ramUsagePercent),
    ramUsedGB: round2(s.ramUsedGB),
    uptimeSeconds: Math.floor(s.uptimeSeconds),
    normalizedLoad: {
      '1m': round2(s.normalizedLoad['1m']),
      '5m': round2(s.normalizedLoad['5m']),
      '15m': round2(s.normalizedLoad['15m']),
    },
    diskReadSpeedMBps: round2(s.diskReadSpeedMBps),
    diskWriteSpeedMBps: round2(s.diskWriteSpeedMBps),
    diskUsage: s.diskUsage.map((d) => ({
      device: d.device,
      mountpoint: d.mountpoint,
      fstype: d.fstype,
      totalGB: round2(d.totalGB),
      usedGB: round2(d.usedGB),
      usagePercent: round2(d.usagePercent),
    })),
    networkInterfaces: s.networkInterfaces.map((i) => ({
      name: i.name,
      mac: i.mac,
      ipv4: i.ipv4,
      ipv6: i.ipv6,
      uploadSpeedMbps: round2(i.uploadSpeedMbps),
      downloadSpeedMbps: round2(i.downloadSpeedMbps),
      netRxBytes: i.netRxBytes,
      netTxBytes: i.netTxBytes,
    })),
  };
  if (s.swapUsagePercent !== undefined) payload.swapUsagePercent = round2(s.swapUsagePercent);
  if (s.ramTotalGB !== undefined) payload.ramTotalGB = round2(s.ramTotalGB);
  if (s.processCount !== undefined) payload.processCount = s.processCount;
  if (s.tcpConnections !== undefined) payload.tcpConnections = s.tcpConnections;
  if (s.udpConnections !== undefined) payload.udpConnections = s.udpConnections;
  if (s.cpuTemperatureC !== undefined) payload.cpuTemperatureC = s.cpuTemperatureC;
  if (s.gpus !== undefined) payload.gpus = s.gpus;
  if (watched !== undefined && watched.length > 0) payload.watchedServices = watched;
  return payload;
}
