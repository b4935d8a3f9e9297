import { describe, expect, it } from '@jest/globals';
import { apiMetricsFrameSchema, serverStateSchema } from '@hivewatch/protocol';
import { makeSample } from '../records/samples.test-helper.js';
import type { ServerView } from '../servers/dto/server.dto.js';
import { osDisplayName } from '../servers/os-display-name.js';
import { toApiMetricsData, toMetricsSummary, toServerMeta, toServerState } from './server-state.mapper.js';

const time = Date.UTC(2024, 0, 1, 0, 0, 5);

const view = (over: Partial<ServerView> = {}): ServerView =>
  withOs({
    id: 'srv-1',
    name: 'web-1',
    groupId: null,
    tags: ['prod'],
    notes: '',
    tokenPrefix: 'abcd',
    tokenRotatedAt: new Date(0),
    enrollmentKeyId: null,
    dialect: 'envelope',
    agentVersion: '2.0.0',
    protocolVersion: 2,
    capabilities: ['logs', 'telepathy', 'exec'],
    systemInfo: { hostname: 'web-1.lan', os: 'Debian 13', architecture: 'x86_64', cpuCores: 4 },
    price: null,
    currency: null,
    billingCycle: null,
    expiresAt: null,
    displayOrder: 0,
    lastSeenAt: new Date(time - 60_000),
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  });

/** `os` as toServerView makes it from the host facts. */
function withOs<T extends Omit<ServerView, 'os'> & { os?: string | null }>(v: T): T & { os: string | null } {
  return { ...v, os: v.os !== undefined ? v.os : osDisplayName(v.systemInfo) };
}

describe('server state mapping', () => {
  it('summarises a sample for the overview: fullest disk, sums, nulls for what the agent did not say', () => {
    const summary = toMetricsSummary(
      makeSample({ serverId: 'srv-1', time, memTotalGB: 8, swapPercent: undefined, processCount: undefined }),
    );
    expect(summary).toEqual({
      at: '2024-01-01T00:00:05.000Z',
      cpuPercent: 10,
      memoryPercent: 40,
      memoryUsedGB: 3.2,
      memoryTotalGB: 8,
      swapPercent: null,
      load1: 0.3,
      load5: 0.25,
      load15: 0.2,
      diskPercent: 40,
      diskUsedGB: 140,
      diskTotalGB: 600,
      diskReadMBps: 0.5,
      diskWriteMBps: 1.25,
      netInMbps: 3.5,
      netOutMbps: 1.5,
      uptimeSeconds: 1000,
      processCount: null,
      tcpConnections: 40,
      udpConnections: 6,
      cpuTemperatureC: 45.5,
    });
  });

  it('derives network totals from interfaces and copes with a seed-002 sample (no disks, no extras)', () => {
    const bare = makeSample({
      serverId: 'srv-1',
      time,
      disks: [],
      netInMbps: undefined,
      netOutMbps: undefined,
    });
    const summary = toMetricsSummary(bare);
    expect(summary).toMatchObject({ diskPercent: null, diskUsedGB: 0, netInMbps: 3.5, netOutMbps: 1.5 });
  });

  it('builds a schema-valid ServerState: known capabilities only, live facts over stored ones', () => {
    const meta = toServerMeta(view());
    const sample = makeSample({
      serverId: 'srv-1',
      time,
      watchedServices: [{ name: 'nginx', activeState: 'active', subState: 'running' }],
    });
    const state = toServerState(meta, { online: true, lastSeenAt: time, sample });
    expect(serverStateSchema.parse(state)).toEqual(state);
    expect(state).toMatchObject({
      online: true,
      lastSeenAt: '2024-01-01T00:00:05.000Z',
      capabilities: ['exec', 'logs'],
      hostname: 'web-1.lan',
      os: 'Debian 13',
      watchedServices: [{ name: 'nginx' }],
      metrics: { cpuPercent: 10 },
    });
    const never = toServerState(
      toServerMeta(view({ lastSeenAt: null, systemInfo: null, capabilities: null })),
      {
        online: false,
        lastSeenAt: undefined,
        sample: undefined,
      },
    );
    expect(serverStateSchema.parse(never)).toMatchObject({
      lastSeenAt: null,
      hostname: null,
      metrics: null,
      capabilities: [],
    });
  });

  it("maps a sample to seed 001's snake_case metrics data", () => {
    const data = toApiMetricsData(makeSample({ serverId: 'srv-1', time, memUsedGB: 3 }));
    expect(apiMetricsFrameSchema.parse({ type: 'metrics', data })).toEqual({ type: 'metrics', data });
    expect(data).toMatchObject({
      server_id: 'srv-1',
      cpu_percent: 10,
      memory_percent: 40,
      memory_used_gb: 3,
      load_1m: 0.3,
      timestamp: '2024-01-01T00:00:05.000Z',
      disk_usage: [{ mountpoint: '/', total_gb: 100, used_gb: 40, percent: 40 }, { mountpoint: '/data' }],
      network: [
        { name: 'eth0', upload_mbps: 1, download_mbps: 3, bytes_sent: 2e9, bytes_recv: 5e9 },
        { name: 'eth1' },
      ],
    });
  });
});
