import type { ContainerView } from '@hivewatch/protocol';

/** A container as the hub lists it, for specs: running, healthy-less, with live figures. */
export function containerView(p: Partial<ContainerView> & { name: string }): ContainerView {
  const id = (p.id ?? p.name.padEnd(64, '0').replace(/[^a-f0-9]/g, 'a')).slice(0, 64);
  return {
    id,
    image: 'hivewatch/test:1',
    state: 'running',
    health: 'none',
    restartCount: 0,
    exitCode: null,
    createdAt: Date.UTC(2026, 0, 1),
    startedAt: Date.UTC(2026, 0, 1),
    ports: [],
    cpuPercent: 1.5,
    memoryUsageBytes: 10_000_000,
    memoryLimitBytes: 100_000_000,
    netRxBytesPerSec: 100,
    netTxBytesPerSec: 50,
    blockReadBytesPerSec: 0,
    blockWriteBytesPerSec: 0,
    pids: 3,
    serverId: '00000000-0000-4000-8000-000000000001',
    serverName: 'host-1',
    firstSeenAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    removedAt: null,
    ...p,
  };
}
