import { describe, expect, it } from '@jest/globals';
import { apiMetricsFrameSchema } from './api-client.js';
import { CloseCode } from './close-codes.js';
import { parseWith } from './parse.js';

describe('live stream additions', () => {
  it("accepts the hub's extra metrics fields and still only requires seed 001's two", () => {
    const frame = {
      type: 'metrics',
      data: {
        cpu_percent: 1,
        memory_percent: 2,
        memory_total_gb: 16,
        net_in_mbps: 3.5,
        net_out_mbps: 1.5,
        process_count: 180,
        tcp_connections: 40,
        udp_connections: 6,
        cpu_temperature_c: -2.5,
      },
    };
    expect(apiMetricsFrameSchema.parse(frame)).toEqual(frame);
    expect(
      apiMetricsFrameSchema.parse({ type: 'metrics', data: { cpu_percent: 1, memory_percent: 2 } }),
    ).toEqual({ type: 'metrics', data: { cpu_percent: 1, memory_percent: 2 } });
    expect(
      parseWith(apiMetricsFrameSchema, {
        type: 'metrics',
        data: { cpu_percent: 1, memory_percent: 2, process_count: -1 },
      }),
    ).toEqual({ ok: false, error: 'data.process_count: must be >= 0' });
  });

  it('has distinct close codes for a slow console and an unknown stream server', () => {
    expect(CloseCode.PolicyViolation).toBe(1008);
    expect(CloseCode.ServerNotFound).toBe(4404);
    const codes = Object.values(CloseCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
