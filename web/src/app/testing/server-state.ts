import type { ServerState } from '@hivewatch/protocol';

/** A complete ServerState for tests, with the few fields a test cares about. */
export function serverState(p: {
  id: string;
  name: string;
  cpu?: number;
  online?: boolean;
  tags?: string[];
  groupId?: string | null;
  containers?: ServerState['containers'];
}): ServerState {
  return {
    id: p.id,
    name: p.name,
    online: p.online ?? true,
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    groupId: p.groupId ?? null,
    tags: p.tags ?? [],
    dialect: 'envelope',
    agentVersion: '1.0.0',
    protocolVersion: 2,
    capabilities: [],
    hostname: `${p.name}.local`,
    os: 'Linux',
    architecture: 'x86_64',
    clockSkewMs: 0,
    dockerAvailable: null,
    containers: p.containers ?? null,
    watchedServices: [],
    metrics: {
      at: '2026-01-01T00:00:00.000Z',
      cpuPercent: p.cpu ?? 10,
      memoryPercent: 40,
      memoryUsedGB: 3.2,
      memoryTotalGB: 8,
      swapPercent: 0,
      load1: 0.2,
      load5: 0.2,
      load15: 0.1,
      diskPercent: 30,
      diskUsedGB: 30,
      diskTotalGB: 100,
      diskReadMBps: 1.5,
      diskWriteMBps: 0.5,
      netInMbps: 12.4,
      netOutMbps: 5.2,
      uptimeSeconds: 90_000,
      processCount: 120,
      tcpConnections: 10,
      udpConnections: 2,
      cpuTemperatureC: null,
    },
  };
}
