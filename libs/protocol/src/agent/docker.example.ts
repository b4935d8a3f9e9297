import type { ContainerSnapshot } from './docker.js';

/** A valid running-container snapshot for tests and docs; `over` replaces fields. */
export function containerSnapshot(over: Partial<ContainerSnapshot> = {}): ContainerSnapshot {
  return {
    id: 'a'.repeat(64),
    name: 'web',
    image: 'nginx:1.27',
    state: 'running',
    health: 'healthy',
    restartCount: 0,
    exitCode: null,
    createdAt: 1_700_000_000_000,
    startedAt: 1_700_000_001_000,
    ports: [{ privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' }],
    cpuPercent: 12.5,
    memoryUsageBytes: 64 * 1024 * 1024,
    memoryLimitBytes: 512 * 1024 * 1024,
    netRxBytesPerSec: 1200,
    netTxBytesPerSec: 800,
    blockReadBytesPerSec: 0,
    blockWriteBytesPerSec: 4096,
    pids: 5,
    ...over,
  };
}
