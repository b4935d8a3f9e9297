import type { ContainerSnapshot } from '@hivewatch/protocol';

/** A 64-digit container id made from a short tag (tests only). */
export function containerId(tag: string | number): string {
  return Buffer.from(String(tag)).toString('hex').padEnd(64, '0').slice(0, 64);
}

/** A running container with figures; override what the test is about. */
export function makeContainer(
  tag: string | number,
  over: Partial<ContainerSnapshot> = {},
): ContainerSnapshot {
  return {
    id: containerId(tag),
    name: `c-${tag}`,
    image: 'hivewatch/test:1',
    state: 'running',
    health: 'none',
    restartCount: 0,
    exitCode: null,
    createdAt: Date.UTC(2030, 0, 1),
    startedAt: Date.UTC(2030, 0, 1),
    ports: [{ privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' }],
    cpuPercent: 10,
    memoryUsageBytes: 100 * 1024 * 1024,
    memoryLimitBytes: 1024 * 1024 * 1024,
    netRxBytesPerSec: 1000,
    netTxBytesPerSec: 2000,
    blockReadBytesPerSec: 0,
    blockWriteBytesPerSec: 4096,
    pids: 3,
    ...over,
  };
}
