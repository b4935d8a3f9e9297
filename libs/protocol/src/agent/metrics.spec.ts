import { describe, expect, it } from '@jest/globals';
import { parseWith } from '../parse.js';
import { ackEventFrameSchema, metricsEventFrameSchema, metricsPayloadSchema } from './metrics.js';
import { parseAgentEvent } from './parse-frames.js';

const payload = () => ({
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
  ],
});

const frame = (p: unknown) => ({ type: 'event', action: 'metrics', payload: p, timestamp: 1733936600000 });

describe('metrics event', () => {
  it('accepts every optional extension of our agent', () => {
    const base = payload();
    const extended = {
      ...base,
      networkInterfaces: base.networkInterfaces.map((nic) => ({ ...nic, netRxBytes: 1e9, netTxBytes: 2e9 })),
      swapUsagePercent: 3,
      ramTotalGB: 16,
      processCount: 210,
      tcpConnections: 40,
      udpConnections: 5,
      cpuTemperatureC: 51.5,
      gpus: [
        {
          index: 0,
          name: 'RTX',
          utilizationPercent: 30,
          memoryUsedMB: 100,
          memoryTotalMB: 8192,
          temperatureC: 60,
        },
      ],
      watchedServices: [{ name: 'nginx', activeState: 'active', subState: 'running' }],
      seq: 991,
      backfill: true,
    };
    expect(metricsPayloadSchema.parse(extended)).toEqual(extended);
  });

  it('clamps slightly-over-100 percentages to 100, tolerates missing addresses and extra fields', () => {
    const p = {
      ...payload(),
      cpuUsagePercent: 100.4,
      futureField: 'x',
      networkInterfaces: [{ name: 'lo', ipv4: null, uploadSpeedMbps: 0, downloadSpeedMbps: 0 }],
    };
    const parsed = metricsPayloadSchema.parse(p);
    expect(parsed.cpuUsagePercent).toBe(100);
    expect(parsed).not.toHaveProperty('futureField');
  });

  it('names the field of a wrongly typed disk entry', () => {
    const p = { ...payload(), diskUsage: [{ ...payload().diskUsage[0], totalGB: '450.5' }] };
    expect(parseWith(metricsEventFrameSchema, frame(p))).toEqual({
      ok: false,
      error: 'payload.diskUsage[0].totalGB: expected number, received string',
    });
  });

  it('lists every missing or broken field', () => {
    const { cpuUsagePercent: _cpu, ...rest } = payload();
    const p = { ...rest, normalizedLoad: { '1m': 'high', '5m': 0.4, '15m': 0.2 }, uptimeSeconds: -1 };
    expect(parseAgentEvent(frame(p))).toEqual({
      ok: false,
      error:
        'payload.cpuUsagePercent: missing (expected number); payload.uptimeSeconds: must be >= 0; ' +
        'payload.normalizedLoad["1m"]: expected number, received string',
    });
  });

  it('rejects NaN, Infinity and numeric strings', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '12.5']) {
      const result = parseWith(metricsPayloadSchema, { ...payload(), ramUsagePercent: bad }, 'payload');
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(/^payload\.ramUsagePercent: expected number, received /);
    }
  });

  it('rejects a non-integer seq and a string backfill flag', () => {
    expect(parseWith(metricsPayloadSchema, { ...payload(), seq: 1.5, backfill: 'yes' }, 'payload')).toEqual({
      ok: false,
      error:
        'payload.seq: expected integer, received non-integer number; payload.backfill: expected boolean, received string',
    });
  });

  it('is dispatched by parseAgentEvent', () => {
    const result = parseAgentEvent(frame(payload()));
    expect(result.ok && result.value.action).toBe('metrics');
    expect(parseAgentEvent({ action: 'telemetry', payload: {} })).toEqual({
      ok: false,
      error: "Unknown action 'telemetry'",
    });
  });

  it('ack event carries an integer seq', () => {
    expect(ackEventFrameSchema.parse({ type: 'event', action: 'ack', payload: { seq: 5 } }).payload.seq).toBe(
      5,
    );
    expect(parseWith(ackEventFrameSchema, { type: 'event', action: 'ack', payload: { seq: '5' } })).toEqual({
      ok: false,
      error: 'payload.seq: expected integer, received string',
    });
  });
});
