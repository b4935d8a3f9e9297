import { containerSnapshot } from './agent/docker.example.js';
import { describe, expect, it } from '@jest/globals';
import { apiClientFrameSchema } from './api-client.js';
import { browserFrameSchema, type ServerState } from './browser.js';
import { parseWith } from './parse.js';

const at = '2024-01-01T00:00:05.000Z';

const server = (): ServerState => ({
  id: 'srv-1',
  name: 'web-1',
  online: true,
  lastSeenAt: at,
  groupId: null,
  tags: ['prod'],
  dialect: 'envelope',
  agentVersion: null,
  protocolVersion: 1,
  capabilities: [],
  hostname: 'web-1',
  os: 'Linux',
  architecture: 'x86_64',
  clockSkewMs: 120,
  dockerAvailable: null,
  containers: null,
  watchedServices: [{ name: 'nginx', activeState: 'active', subState: 'running' }],
  metrics: {
    at,
    cpuPercent: 12.5,
    memoryPercent: 45.2,
    memoryUsedGB: 4.1,
    memoryTotalGB: null,
    swapPercent: null,
    load1: 0.5,
    load5: 0.4,
    load15: 0.2,
    diskPercent: 4.5,
    diskUsedGB: 20.1,
    diskTotalGB: 450.5,
    diskReadMBps: 1.2,
    diskWriteMBps: 0.5,
    netInMbps: 12.4,
    netOutMbps: 5.2,
    uptimeSeconds: 3600,
    processCount: null,
    tcpConnections: null,
    udpConnections: null,
    cpuTemperatureC: null,
  },
});

describe('browser frames', () => {
  it('round-trips one frame of each type', () => {
    const frames = [
      { type: 'full_sync', servers: [server()], at },
      { type: 'update', servers: [{ ...server(), metrics: null }], at },
      { type: 'server_online', serverId: 'srv-1', at },
      { type: 'server_offline', serverId: 'srv-1', at },
      {
        type: 'alert',
        alert: {
          id: 'a1',
          ruleId: 'r1',
          ruleName: 'CPU high',
          serverId: 'srv-1',
          serverName: 'web-1',
          state: 'triggered',
          severity: 'warning',
          message: 'CPU above 90% for 5 min',
          value: 93.1,
          at,
        },
      },
      {
        type: 'docker_update',
        serverId: 'srv-1',
        containers: [containerSnapshot({ name: 'db', image: 'postgres:17' })],
        at,
      },
      {
        type: 'docker_event',
        serverId: 'srv-1',
        containerId: 'a'.repeat(64),
        containerName: 'db',
        action: 'die',
        exitCode: 137,
        health: null,
        at,
      },
      { type: 'docker_availability_changed', serverId: 'srv-1', available: false, at },
    ];
    for (const frame of frames) expect(browserFrameSchema.parse(frame)).toEqual(frame);
  });

  it('names the broken field of a server in an update', () => {
    const broken = { ...server(), online: 'yes', capabilities: ['telepathy'] };
    expect(parseWith(browserFrameSchema, { type: 'update', servers: [broken], at })).toEqual({
      ok: false,
      error:
        'servers[0].online: expected boolean, received string; servers[0].capabilities[0]: expected one of ' +
        '"exec" | "terminal" | "docker" | "docker-actions" | "services-restart" | "ping" | "upgrade" | "logs"',
    });
  });

  it('requires ISO-8601 times', () => {
    expect(
      parseWith(browserFrameSchema, { type: 'server_offline', serverId: 's', at: 1733936600000 }),
    ).toEqual({
      ok: false,
      error: 'at: expected string, received number',
    });
  });
});

describe('API-client frames', () => {
  it('accepts a full metrics frame and an alert', () => {
    const metrics = {
      type: 'metrics',
      data: { server_id: 's', cpu_percent: 1, memory_percent: 2, load_1m: 0.1, timestamp: at },
    };
    expect(apiClientFrameSchema.parse(metrics)).toEqual(metrics);
    const alert = {
      type: 'alert',
      data: {
        alert_id: 'a',
        rule_name: 'CPU',
        server_id: 's',
        state: 'resolved',
        severity: 'critical',
        message: 'back to normal',
        timestamp: at,
      },
    };
    expect(apiClientFrameSchema.parse(alert)).toEqual(alert);
  });

  it('rejects a log frame without a message', () => {
    expect(parseWith(apiClientFrameSchema, { type: 'log', data: { level: 'INFO', timestamp: at } })).toEqual({
      ok: false,
      error: 'data.message: missing (expected string)',
    });
  });
});
