import { describe, expect, it } from '@jest/globals';
import { metricsPayloadSchema, simpleMetricsSchema } from '@hivewatch/protocol';
import { parseSimpleTimestamp, sampleFromEnvelopeMetrics, sampleFromSimpleMetrics } from './sample-mapper.js';

/** The seed-002 example payload, every field. */
const seedPayload = {
  cpuUsagePercent: 12.5,
  ramUsagePercent: 45.2,
  ramUsedGB: 4.1,
  uptimeSeconds: 3600,
  normalizedLoad: { '1m': 0.5, '5m': 0.4, '15m': 0.2 },
  diskReadSpeedMBps: 1.2,
  diskWriteSpeedMBps: 0.5,
  diskUsage: [
    { device: '/dev/sda1', mountpoint: '/', fstype: 'ext4', totalGB: 450.5, usedGB: 20.1, usagePercent: 4.5 },
  ],
  networkInterfaces: [
    {
      name: 'eth0',
      mac: '00:11:22:33:44:55',
      ipv4: '192.168.1.10',
      ipv6: 'fe80::1',
      uploadSpeedMbps: 5.2,
      downloadSpeedMbps: 12.4,
    },
    { name: 'lo', mac: null, ipv4: '127.0.0.1', ipv6: null, uploadSpeedMbps: 0.8, downloadSpeedMbps: 0.6 },
  ],
};

describe('envelope metrics → Sample', () => {
  it('maps every seed-002 field, units as reported, network summed over interfaces', () => {
    const s = sampleFromEnvelopeMetrics('s1', metricsPayloadSchema.parse(seedPayload), 1000);
    expect(s).toEqual({
      serverId: 's1',
      time: 1000,
      receivedAt: 1000,
      live: true,
      cpuPercent: 12.5,
      memPercent: 45.2,
      memUsedGB: 4.1,
      uptimeSeconds: 3600,
      load1: 0.5,
      load5: 0.4,
      load15: 0.2,
      diskReadMBps: 1.2,
      diskWriteMBps: 0.5,
      netInMbps: 13,
      netOutMbps: 6,
      disks: [
        {
          device: '/dev/sda1',
          mountpoint: '/',
          fstype: 'ext4',
          totalGB: 450.5,
          usedGB: 20.1,
          usagePercent: 4.5,
        },
      ],
      interfaces: [
        {
          name: 'eth0',
          mac: '00:11:22:33:44:55',
          ipv4: '192.168.1.10',
          ipv6: 'fe80::1',
          uploadMbps: 5.2,
          downloadMbps: 12.4,
        },
        { name: 'lo', ipv4: '127.0.0.1', uploadMbps: 0.8, downloadMbps: 0.6 },
      ],
    });
  });

  it('maps our extensions; GPU nulls become absent; backfill is not live', () => {
    const s = sampleFromEnvelopeMetrics(
      's1',
      metricsPayloadSchema.parse({
        ...seedPayload,
        swapUsagePercent: 3,
        ramTotalGB: 16,
        processCount: 210,
        tcpConnections: 40,
        udpConnections: 6,
        cpuTemperatureC: null,
        gpus: [{ index: 0, name: 'T4', utilizationPercent: null, memoryUsedMB: 100, memoryTotalMB: null }],
        watchedServices: [{ name: 'nginx', activeState: 'active', subState: 'running' }],
        seq: 7,
        backfill: true,
      }),
      1000,
    );
    expect(s).toMatchObject({
      swapPercent: 3,
      memTotalGB: 16,
      processCount: 210,
      tcpConnections: 40,
      udpConnections: 6,
      seq: 7,
      live: false,
    });
    expect(s.cpuTemperatureC).toBeUndefined();
    expect(s.gpus).toEqual([{ index: 0, name: 'T4', memoryUsedMB: 100 }]);
    expect(s.watchedServices).toEqual([{ name: 'nginx', activeState: 'active', subState: 'running' }]);
  });
  it('carries the busiest core of the per-core list; without the list the field stays absent', () => {
    const parse = (extra: object) =>
      sampleFromEnvelopeMetrics('s1', metricsPayloadSchema.parse({ ...seedPayload, ...extra }), 1000);
    expect(parse({ cpuPerCorePercent: [12, 99.5, 40] }).cpuCoreMaxPercent).toBe(99.5);
    expect(parse({}).cpuCoreMaxPercent).toBeUndefined();
    expect('cpuCoreMaxPercent' in parse({ cpuPerCorePercent: [] })).toBe(false);
  });
});

describe('simple metrics → Sample', () => {
  it('maps seed-001 fields and reads an offset-less timestamp as UTC', () => {
    const f = simpleMetricsSchema.parse({
      type: 'metrics',
      cpu_percent: 45.2,
      memory_percent: 62.5,
      disk_usage: [{ device: '/dev/vda1', total_gb: 100, used_gb: 25 }],
      network: [{ name: 'eth0', upload_mbps: 1, download_mbps: 2, bytes_sent: 10, bytes_recv: 20 }],
    });
    expect(sampleFromSimpleMetrics('s2', f, 5)).toEqual({
      serverId: 's2',
      time: 5,
      receivedAt: 5,
      live: true,
      cpuPercent: 45.2,
      memPercent: 62.5,
      netInMbps: 2,
      netOutMbps: 1,
      disks: [{ mountpoint: '/dev/vda1', device: '/dev/vda1', totalGB: 100, usedGB: 25, usagePercent: 25 }],
      interfaces: [{ name: 'eth0', downloadMbps: 2, uploadMbps: 1, rxBytes: 20, txBytes: 10 }],
    });
    expect(parseSimpleTimestamp('2024-01-01T00:00:00')).toBe(Date.UTC(2024, 0, 1));
    expect(parseSimpleTimestamp('2024-01-01T01:00:00+01:00')).toBe(Date.UTC(2024, 0, 1));
    expect(parseSimpleTimestamp(undefined)).toBeUndefined();
  });
});
