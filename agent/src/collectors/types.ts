/**
 * Output of the metrics collectors: the `metrics` event payload of seed 002 (same field names and
 * units) plus the optional extensions listed in protocol.md §1.1. Kept as a plain interface here;
 * the wire schema lives in libs/protocol and is wired to this shape by the agent. What the hub stores,
 * charts and alerts on, and under which key, is the metric registry's
 * (libs/protocol/src/metrics/registry.ts, table in docs/metrics.md; docs/adding-a-metric.md).
 *
 * Units used throughout:
 * - GB   = gibibytes, 1024^3 bytes (what `free -g`, `df -h` and psutil-based agents show);
 * - MB   (GPU memory) = mebibytes, 1024^2 bytes, as nvidia-smi reports them;
 * - MBps = 10^6 bytes per second (disk throughput);
 * - Mbps = 10^6 bits per second (network throughput).
 */
export interface MetricsSnapshot {
  /** Whole-host CPU busy time over the last interval, 0–100. */
  cpuUsagePercent: number;
  /** MemTotal − MemAvailable, as a percentage of MemTotal. */
  ramUsagePercent: number;
  /** MemTotal − MemAvailable, GB (1024^3 bytes). */
  ramUsedGB: number;
  /** Whole seconds since boot. */
  uptimeSeconds: number;
  /** Load averages divided by the number of online logical CPUs. */
  normalizedLoad: NormalizedLoad;
  /** Bytes read per second by whole disks (see disk-io.ts for which devices count), 10^6 bytes/s. */
  diskReadSpeedMBps: number;
  /** Bytes written per second by whole disks, 10^6 bytes/s. */
  diskWriteSpeedMBps: number;
  diskUsage: DiskUsage[];
  networkInterfaces: NetworkInterfaceMetrics[];

  // Extensions (protocol.md §1.1): absent when the host cannot provide them.
  /** Busy percentage per logical CPU, index = CPU number as in /proc/stat (cpu0, cpu1, ...). */
  cpuPerCorePercent?: number[];
  /** (SwapTotal − SwapFree) / SwapTotal; 0 on hosts without swap. */
  swapUsagePercent?: number;
  /** MemTotal, GB (1024^3 bytes). */
  ramTotalGB?: number;
  /** Processes (not threads) visible in /proc. */
  processCount?: number;
  /** TCP sockets in use, IPv4 + IPv6 (listening and established; TIME_WAIT excluded). */
  tcpConnections?: number;
  /** UDP sockets in use, IPv4 + IPv6. */
  udpConnections?: number;
  /** Hottest CPU package sensor, °C. */
  cpuTemperatureC?: number;
  gpus?: GpuMetrics[];
}

export interface NormalizedLoad {
  '1m': number;
  '5m': number;
  '15m': number;
}

export interface DiskUsage {
  /** Mount source, e.g. /dev/sda1 (or pool/dataset, server:/export for ZFS and NFS). */
  device: string;
  mountpoint: string;
  fstype: string;
  /** Filesystem size, GB (1024^3 bytes). */
  totalGB: number;
  /** Blocks in use (size − free), GB (1024^3 bytes). */
  usedGB: number;
  /** used / (used + available to unprivileged users) × 100, as `df` and psutil compute it. */
  usagePercent: number;
}

export interface NetworkInterfaceMetrics {
  name: string;
  /** Hardware address from /sys/class/net/<if>/address; null when the interface has none. */
  mac: string | null;
  /** First IPv4 address; null when none is configured. */
  ipv4: string | null;
  /** First global IPv6 address, else the first link-local one; null when none. */
  ipv6: string | null;
  /** Transmitted, 10^6 bits per second. */
  uploadSpeedMbps: number;
  /** Received, 10^6 bits per second. */
  downloadSpeedMbps: number;
  /** Extension: bytes received since the counter started (boot or interface creation). */
  netRxBytes?: number;
  /** Extension: bytes transmitted since the counter started. */
  netTxBytes?: number;
}

/** One NVIDIA GPU; a value the driver reports as [N/A] / [Not Supported] is null. */
export interface GpuMetrics {
  index: number;
  name: string;
  utilizationPercent: number | null;
  /** MiB (1024^2 bytes), as nvidia-smi reports. */
  memoryUsedMB: number | null;
  /** MiB (1024^2 bytes). */
  memoryTotalMB: number | null;
  temperatureC: number | null;
}
