import type { Sample } from './sample.js';

/**
 * A plausible sample for tests and bench/alerts-eval.mjs; override what matters. `*.test-helper.ts`
 * files are type-checked with the specs but left out of the hub build (tsconfig.hub.json).
 */
export function makeSample(over: Partial<Sample> & { serverId: string; time: number }): Sample {
  return {
    receivedAt: over.time,
    live: true,
    cpuPercent: 10,
    memPercent: 40,
    swapPercent: 1,
    load1: 0.3,
    load5: 0.25,
    load15: 0.2,
    diskReadMBps: 0.5,
    diskWriteMBps: 1.25,
    netInMbps: 3.5,
    netOutMbps: 1.5,
    uptimeSeconds: 1000,
    processCount: 180,
    tcpConnections: 40,
    udpConnections: 6,
    cpuTemperatureC: 45.5,
    disks: [
      { mountpoint: '/', totalGB: 100, usedGB: 40, usagePercent: 40 },
      { mountpoint: '/data', totalGB: 500, usedGB: 100, usagePercent: 20 },
    ],
    interfaces: [
      { name: 'eth0', downloadMbps: 3, uploadMbps: 1, rxBytes: 5e9, txBytes: 2e9 },
      { name: 'eth1', downloadMbps: 0.5, uploadMbps: 0.5, rxBytes: 1e9, txBytes: 1e9 },
    ],
    ...over,
  };
}
