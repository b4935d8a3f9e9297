/**
 * The dialect-free metrics sample: what every agent report becomes at the gateway's edge (envelope
 * `metrics` events and simple-dialect `metrics` frames alike). Units follow what agents report and
 * what the console shows: percentages 0–100, disk throughput in megabytes/s (MBps), network in
 * megabits/s (Mbps), sizes in GB, load normalised per logical CPU (load ÷ cores).
 * Optional fields are absent when the agent does not report them (seed-002 agents send none).
 */
export interface Sample {
  serverId: string;
  /** Bucket time, Unix ms: agent time corrected by the connection's clock offset (or receive time). */
  time: number;
  receivedAt: number;
  /** False for backfilled samples (outbox replay): stored, never broadcast as live. */
  live: boolean;
  /** Outbox sequence number (protocol 2 agents), for acknowledgement and de-duplication. */
  seq?: number;

  cpuPercent: number;
  memPercent: number;
  memUsedGB?: number;
  memTotalGB?: number;
  swapPercent?: number;
  load1?: number;
  load5?: number;
  load15?: number;
  diskReadMBps?: number;
  diskWriteMBps?: number;
  /** Sum over interfaces, megabits/s. */
  netInMbps?: number;
  netOutMbps?: number;
  uptimeSeconds?: number;
  processCount?: number;
  tcpConnections?: number;
  udpConnections?: number;
  cpuTemperatureC?: number;

  disks: SampleDisk[];
  interfaces: SampleInterface[];
  gpus?: SampleGpu[];
  watchedServices?: { name: string; activeState: string; subState: string }[];
}

export interface SampleDisk {
  mountpoint: string;
  device?: string;
  fstype?: string;
  totalGB: number;
  usedGB: number;
  usagePercent: number;
}

export interface SampleInterface {
  name: string;
  mac?: string;
  ipv4?: string;
  ipv6?: string;
  downloadMbps: number;
  uploadMbps: number;
  /** Cumulative counters when the agent reports them (exact traffic accounting). */
  rxBytes?: number;
  txBytes?: number;
}

export interface SampleGpu {
  index: number;
  name?: string;
  utilizationPercent?: number;
  memoryUsedMB?: number;
  memoryTotalMB?: number;
  temperatureC?: number;
}
