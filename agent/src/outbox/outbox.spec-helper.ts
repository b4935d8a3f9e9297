import type { MetricsPayload } from '@hivewatch/protocol';

/** A seed-002 shaped payload for outbox tests. */
export function seedMetricsPayload(): Omit<MetricsPayload, 'seq' | 'backfill'> {
  return {
    cpuUsagePercent: 12.5,
    ramUsagePercent: 45.2,
    ramUsedGB: 4.1,
    uptimeSeconds: 3600,
    normalizedLoad: { '1m': 0.5, '5m': 0.4, '15m': 0.2 },
    diskReadSpeedMBps: 1.2,
    diskWriteSpeedMBps: 0.5,
    diskUsage: [],
    networkInterfaces: [],
  };
}
