/** Zod-free container figures (re-exported by docker.ts), shared by the agent bundle, the hub and tests. */

/** The figures of a container snapshot: null while not running or before a previous reading. */
export interface ContainerFigures {
  cpuPercent: number | null;
  memoryUsageBytes: number | null;
  memoryLimitBytes: number | null;
  netRxBytesPerSec: number | null;
  netTxBytesPerSec: number | null;
  blockReadBytesPerSec: number | null;
  blockWriteBytesPerSec: number | null;
  pids: number | null;
}

/** Figures with nothing known (a fresh object each call). */
export function noContainerFigures(): ContainerFigures {
  return {
    cpuPercent: null,
    memoryUsageBytes: null,
    memoryLimitBytes: null,
    netRxBytesPerSec: null,
    netTxBytesPerSec: null,
    blockReadBytesPerSec: null,
    blockWriteBytesPerSec: null,
    pids: null,
  };
}
