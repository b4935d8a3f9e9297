import { describe, expect, it } from '@jest/globals';
import { readAgentReply } from '@hivewatch/protocol';
import { EnvelopeAdapter } from './envelope.adapter.js';
import { SimpleAdapter } from './simple.adapter.js';

const metrics = {
  cpuUsagePercent: 1,
  ramUsagePercent: 2,
  ramUsedGB: 3,
  uptimeSeconds: 4,
  normalizedLoad: { '1m': 0, '5m': 0, '15m': 0 },
  diskReadSpeedMBps: 0,
  diskWriteSpeedMBps: 0,
  diskUsage: [],
  networkInterfaces: [],
};

describe('EnvelopeAdapter', () => {
  const a = new EnvelopeAdapter();

  it('decodes a metrics event with its timestamp, and one without', () => {
    const f = a.decode(
      JSON.stringify({ type: 'event', action: 'metrics', payload: metrics, timestamp: 42 }),
      's',
      100,
    );
    expect(f).toMatchObject({
      kind: 'metrics',
      agentTime: 42,
      sample: { serverId: 's', cpuPercent: 1, time: 100 },
    });
    const bare = a.decode(
      JSON.stringify({ type: 'event', id: null, action: 'metrics', payload: metrics }),
      's',
      100,
    );
    expect(bare).toMatchObject({ kind: 'metrics', agentTime: undefined });
  });

  it('names the bad field, the unknown action, malformed JSON', () => {
    expect(
      a.decode(
        JSON.stringify({ type: 'event', action: 'metrics', payload: { ...metrics, ramUsedGB: '3' } }),
        's',
        1,
      ),
    ).toEqual({
      kind: 'bad',
      reason: 'schema',
      message: 'payload.ramUsedGB: expected number, received string',
      action: 'metrics',
    });
    expect(a.decode('{"type":"event","action":"nope"}', 's', 1)).toMatchObject({
      reason: 'unknown-action',
      message: "Unknown action 'nope'",
    });
    expect(a.decode('{"type":', 's', 1)).toMatchObject({ reason: 'malformed-json' });
    expect(a.decode('"x"', 's', 1)).toMatchObject({ reason: 'unknown-type' });
  });

  it('answers a refused request with a response to its id, anything else with an error event', () => {
    const bad = a.decode('{"type":"request","id":9,"action":"reboot"}', 's', 1);
    expect(bad).toMatchObject({ kind: 'bad', request: { id: 9, action: 'reboot' } });
    if (bad.kind !== 'bad') throw new Error('expected bad');
    expect(JSON.parse(a.encodeBadFrame(bad, 5))).toEqual({
      type: 'response',
      id: 9,
      action: 'reboot',
      status: 'error',
      message: "Unknown action 'reboot'",
      payload: { status: 'error', message: "Unknown action 'reboot'" },
      timestamp: 5,
    });
    expect(JSON.parse(a.encodeBadFrame({ kind: 'bad', reason: 'binary', message: 'm' }, 5))).toEqual({
      type: 'event',
      action: 'error',
      payload: { message: 'm' },
      timestamp: 5,
    });
  });

  it('decodes responses in every tolerated shape', () => {
    const wrapped = a.decode(
      JSON.stringify({
        type: 'response',
        id: 3,
        action: 'get-services',
        payload: { status: 'ok', data: { services: [] } },
      }),
      's',
      1,
    );
    if (wrapped.kind !== 'response') throw new Error('expected response');
    expect(readAgentReply('get-services', wrapped.response)).toEqual({ kind: 'ok', data: [] });
    const envelopeStatus = a.decode(
      JSON.stringify({ type: 'response', id: 3, action: 'get-services', status: 'ok', payload: [] }),
      's',
      1,
    );
    if (envelopeStatus.kind !== 'response') throw new Error('expected response');
    expect(readAgentReply('get-services', envelopeStatus.response)).toEqual({ kind: 'ok', data: [] });
  });

  it('encodes requests with id and payload null, and acks', () => {
    expect(JSON.parse(a.encodeRequest(5, 'get-server-info', null, 7))).toEqual({
      type: 'request',
      id: 5,
      action: 'get-server-info',
      payload: null,
      timestamp: 7,
    });
    expect(JSON.parse(a.encodeAck(3, 7))).toEqual({
      type: 'event',
      action: 'ack',
      payload: { seq: 3 },
      timestamp: 7,
    });
  });
});

describe('SimpleAdapter', () => {
  const a = new SimpleAdapter();

  it('carries only exec and docker actions, as command / docker_command with the id as command_id', () => {
    expect(a.supports('get-services')).toBe(false);
    expect(a.supports('exec')).toBe(true);
    expect(JSON.parse(a.encodeRequest(12, 'exec', { command: 'uptime' }))).toEqual({
      type: 'command',
      command_id: '12',
      command: 'uptime',
    });
    expect(
      JSON.parse(a.encodeRequest(13, 'docker-action', { containerId: 'web', action: 'restart' })),
    ).toEqual({
      type: 'docker_command',
      command_id: '13',
      action: 'restart',
      container_id: 'web',
    });
  });

  it('maps command_response and docker_response onto RPC results', () => {
    const out = a.decode(
      JSON.stringify({
        type: 'command_response',
        command_id: '12',
        output: 'up',
        exit_code: 0,
        duration_ms: 3,
      }),
      's',
      1,
    );
    if (out.kind !== 'response') throw new Error('expected response');
    expect(readAgentReply('exec', out.response)).toEqual({
      kind: 'ok',
      data: {
        exitCode: 0,
        signal: null,
        timedOut: false,
        stdout: { head: 'up', tail: '', droppedBytes: 0, totalBytes: 2 },
        stderr: { head: '', tail: '', droppedBytes: 0, totalBytes: 0 },
        startedAt: 0,
        endedAt: 1,
        durationMs: 3,
      },
    });
    const failed = a.decode(
      JSON.stringify({
        type: 'docker_response',
        command_id: '13',
        success: false,
        message: 'no such container',
      }),
      's',
      1,
    );
    if (failed.kind !== 'response') throw new Error('expected response');
    expect(readAgentReply('docker-action', failed.response)).toEqual({
      kind: 'agent-error',
      message: 'no such container',
    });
    expect(
      a.decode(
        JSON.stringify({
          type: 'command_response',
          command_id: 'uuid-x',
          output: '',
          exit_code: 0,
          duration_ms: 1,
        }),
        's',
        1,
      ),
    ).toMatchObject({
      reason: 'unmatched-response',
    });
  });

  it('answers every bad frame with the seed-001 error, whatever the reason', () => {
    for (const text of ['{', '[]', '{"type":"hello"}', '{"type":"metrics","cpu_percent":"x"}']) {
      const f = a.decode(text, 's', 1);
      expect(f.kind).toBe('bad');
      if (f.kind === 'bad')
        expect(JSON.parse(a.encodeBadFrame())).toEqual({ type: 'error', message: 'Invalid message format' });
    }
    expect(a.encodeAck()).toBeNull();
  });
});

describe('envelope fields of events other than metrics', () => {
  it('refuses a timestamp or id outside its range as a schema error naming the field', () => {
    const a = new EnvelopeAdapter();
    for (const [field, value] of [
      ['timestamp', 'NaN'],
      ['timestamp', -5],
      ['id', 1.5],
    ] as const) {
      const frame = {
        type: 'event',
        action: 'terminal-exit',
        payload: { sessionId: 's1', exitCode: 0 },
        [field]: value,
      };
      const decoded = a.decode(JSON.stringify(frame), 'srv', 0);
      expect(decoded).toMatchObject({ kind: 'bad', reason: 'schema' });
      if (decoded.kind === 'bad') expect(decoded.message).toContain(field);
    }
  });
});
