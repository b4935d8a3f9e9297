import {
  knownCapabilities,
  type ApiMetricsData,
  type ServerMetricsSummary,
  type ServerState,
} from '@hivewatch/protocol';
import type { ServerApiView, ServerView } from '../servers/dto/server.dto.js';
import type { Sample } from '../records/sample.js';

/** What the live streams keep about a server between list refreshes (no secrets, no DB handles). */
export interface ServerMeta {
  id: string;
  name: string;
  groupId: string | null;
  tags: string[];
  dialect: 'envelope' | 'simple' | null;
  agentVersion: string | null;
  protocolVersion: number | null;
  capabilities: ServerState['capabilities'];
  hostname: string | null;
  os: string | null;
  architecture: string | null;
  /** Last frame time stored in the database (ms), for servers not heard from since the hub started. */
  lastSeenAt: number | null;
  /** The agent settings last applied from the console pause metrics (interval 0); absent = no. */
  metricsPaused?: boolean;
}

export function toServerMeta(view: ServerView & Partial<Pick<ServerApiView, 'agentConfig'>>): ServerMeta {
  return {
    id: view.id,
    name: view.name,
    groupId: view.groupId,
    tags: view.tags,
    dialect: view.dialect,
    agentVersion: view.agentVersion,
    protocolVersion: view.protocolVersion,
    capabilities: knownCapabilities(view.capabilities ?? []),
    hostname: text(view.systemInfo?.hostname),
    os: view.os,
    architecture: text(view.systemInfo?.architecture),
    lastSeenAt: view.lastSeenAt ? view.lastSeenAt.getTime() : null,
    metricsPaused: view.agentConfig?.metricsInterval === 0,
  };
}

/** The live facts that go with a server's metadata in one `ServerState`. */
export interface LiveFacts {
  online: boolean;
  /** Receive time (ms) of the last frame from the agent, if any since start. */
  lastSeenAt: number | undefined;
  /** Since when the agent is gone (ms, ServerCatalog); null or absent while online or never seen. */
  offlineSince?: number | null;
  sample: Sample | undefined;
  /** The figures read back from the records at start, shown until the agent sends a sample. */
  stored?: ServerMetricsSummary | undefined;
  /** The last `docker-stats` (src/docker DockerLiveState); absent before the first. */
  docker?: DockerFacts | undefined;
}

/** What the overview shows of a server's Docker engine. */
export interface DockerFacts {
  available: boolean;
  counts: NonNullable<ServerState['containers']>;
}

export function toServerState(meta: ServerMeta, live: LiveFacts): ServerState {
  const lastSeen = live.lastSeenAt ?? meta.lastSeenAt;
  return {
    id: meta.id,
    name: meta.name,
    online: live.online,
    lastSeenAt: lastSeen === null ? null : new Date(lastSeen).toISOString(),
    offlineSince: offlineSinceText(live),
    metricsPaused: meta.metricsPaused === true,
    groupId: meta.groupId,
    tags: meta.tags,
    dialect: meta.dialect,
    agentVersion: meta.agentVersion,
    protocolVersion: meta.protocolVersion,
    capabilities: meta.capabilities,
    hostname: meta.hostname,
    os: meta.os,
    architecture: meta.architecture,
    // the agent gateway owns the skew estimate; not exposed to us yet
    clockSkewMs: null,
    ...dockerState(meta, live.docker),
    watchedServices: live.sample?.watchedServices ?? [],
    metrics: live.sample ? toMetricsSummary(live.sample) : (live.stored ?? null),
  };
}

/** Docker facts only for an agent with the `docker` capability; counts only while the engine answers. */
function dockerState(
  meta: ServerMeta,
  docker: DockerFacts | undefined,
): Pick<ServerState, 'dockerAvailable' | 'containers'> {
  if (!docker || !meta.capabilities.includes('docker')) return { dockerAvailable: null, containers: null };
  return { dockerAvailable: docker.available, containers: docker.available ? docker.counts : null };
}

function offlineSinceText(live: LiveFacts): string | null {
  const since = live.online ? null : (live.offlineSince ?? null);
  return since === null ? null : new Date(since).toISOString();
}

/** The overview's summary of one live sample (units as in Sample: GB, MBps, Mbps, load per core). */
export function toMetricsSummary(s: Sample): ServerMetricsSummary {
  let diskUsedGB = 0;
  let diskTotalGB = 0;
  let fullest: number | null = null;
  for (const d of s.disks) {
    diskUsedGB += d.usedGB;
    diskTotalGB += d.totalGB;
    if (fullest === null || d.usagePercent > fullest) fullest = d.usagePercent;
  }
  return {
    at: new Date(s.time).toISOString(),
    cpuPercent: s.cpuPercent,
    memoryPercent: s.memPercent,
    memoryUsedGB: s.memUsedGB ?? (s.memTotalGB !== undefined ? (s.memPercent / 100) * s.memTotalGB : null),
    memoryTotalGB: s.memTotalGB ?? null,
    swapPercent: s.swapPercent ?? null,
    load1: s.load1 ?? 0,
    load5: s.load5 ?? 0,
    load15: s.load15 ?? 0,
    diskPercent: fullest,
    diskUsedGB,
    diskTotalGB,
    diskReadMBps: s.diskReadMBps ?? 0,
    diskWriteMBps: s.diskWriteMBps ?? 0,
    netInMbps: s.netInMbps ?? sum(s.interfaces, (i) => i.downloadMbps),
    netOutMbps: s.netOutMbps ?? sum(s.interfaces, (i) => i.uploadMbps),
    uptimeSeconds: s.uptimeSeconds ?? null,
    processCount: s.processCount ?? null,
    tcpConnections: s.tcpConnections ?? null,
    udpConnections: s.udpConnections ?? null,
    cpuTemperatureC: s.cpuTemperatureC ?? null,
  };
}

/** Seed 001's `metrics` data (snake_case) for one live sample, with the hub's extras. */
export function toApiMetricsData(s: Sample): ApiMetricsData {
  return {
    server_id: s.serverId,
    cpu_percent: s.cpuPercent,
    memory_percent: s.memPercent,
    swap_percent: s.swapPercent ?? null,
    memory_used_gb: s.memUsedGB ?? null,
    memory_total_gb: s.memTotalGB ?? null,
    load_1m: s.load1 ?? null,
    load_5m: s.load5 ?? null,
    load_15m: s.load15 ?? null,
    disk_read_mbps: s.diskReadMBps ?? null,
    disk_write_mbps: s.diskWriteMBps ?? null,
    net_in_mbps: s.netInMbps ?? sum(s.interfaces, (i) => i.downloadMbps),
    net_out_mbps: s.netOutMbps ?? sum(s.interfaces, (i) => i.uploadMbps),
    uptime_seconds: s.uptimeSeconds ?? null,
    process_count: s.processCount ?? null,
    tcp_connections: s.tcpConnections ?? null,
    udp_connections: s.udpConnections ?? null,
    cpu_temperature_c: s.cpuTemperatureC ?? null,
    disk_usage: s.disks.map((d) => ({
      ...(d.device !== undefined && { device: d.device }),
      mountpoint: d.mountpoint,
      ...(d.fstype !== undefined && { fstype: d.fstype }),
      total_gb: d.totalGB,
      used_gb: d.usedGB,
      percent: d.usagePercent,
    })),
    network: s.interfaces.map((i) => ({
      name: i.name,
      upload_mbps: i.uploadMbps,
      download_mbps: i.downloadMbps,
      ...(i.txBytes !== undefined && { bytes_sent: i.txBytes }),
      ...(i.rxBytes !== undefined && { bytes_recv: i.rxBytes }),
    })),
    timestamp: new Date(s.time).toISOString(),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}
