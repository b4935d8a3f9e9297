import { containerSnapshot, type ContainerSnapshot } from '@hivewatch/protocol';

/** A 64-digit container id made from a short tag (tests only). */
export function containerId(tag: string | number): string {
  return Buffer.from(String(tag)).toString('hex').padEnd(64, '0').slice(0, 64);
}

/** A running container with figures (the protocol's example, renamed); override what the test is about. */
export function makeContainer(
  tag: string | number,
  over: Partial<ContainerSnapshot> = {},
): ContainerSnapshot {
  return containerSnapshot({
    id: containerId(tag),
    name: `c-${tag}`,
    image: 'hivewatch/test:1',
    health: 'none',
    cpuPercent: 10,
    memoryUsageBytes: 100 * 1024 * 1024,
    netRxBytesPerSec: 1000,
    ...over,
  });
}
