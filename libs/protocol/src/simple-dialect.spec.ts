import { describe, expect, it } from '@jest/globals';
import { parseJsonWith, parseWith } from './parse.js';
import { simpleAgentFrameSchema, simpleHubFrameSchema } from './simple-dialect.js';

describe('simple dialect', () => {
  it('reads the disk and network fields it documents and keeps the others', () => {
    const frame = {
      type: 'metrics',
      cpu_percent: 10,
      memory_percent: 20,
      disk_usage: [{ mountpoint: '/', total_gb: 100, used_gb: 40, percent: 40, inode_percent: 3 }],
      network: [{ name: 'eth0', upload_mbps: 1, download_mbps: 2 }],
    };
    expect(simpleAgentFrameSchema.parse(frame)).toEqual(frame);
  });

  it('accepts a timestamp without offset (read as UTC) and rejects a non-date', () => {
    const base = { type: 'metrics', cpu_percent: 1, memory_percent: 2 };
    expect(parseWith(simpleAgentFrameSchema, { ...base, timestamp: '2024-01-01T00:00:00' }).ok).toBe(true);
    expect(parseWith(simpleAgentFrameSchema, { ...base, timestamp: 'now' })).toEqual({
      ok: false,
      error: 'timestamp: must be a valid datetime',
    });
  });

  it('names wrong and missing metrics fields', () => {
    expect(
      parseWith(simpleAgentFrameSchema, {
        type: 'metrics',
        cpu_percent: '45.2',
        disk_usage: [{ total_gb: 'big' }],
      }),
    ).toEqual({
      ok: false,
      error:
        'cpu_percent: expected number, received string; memory_percent: missing (expected number); ' +
        'disk_usage[0].total_gb: expected number, received string',
    });
  });

  it('rejects an unknown type and a frame that is not an object', () => {
    expect(parseWith(simpleAgentFrameSchema, { type: 'hello' })).toEqual({
      ok: false,
      error: 'type: expected one of "auth" | "metrics" | "command_response" | "docker_response"',
    });
    expect(parseJsonWith(simpleAgentFrameSchema, '[1]')).toEqual({
      ok: false,
      error: '(root): expected object, received array',
    });
  });

  it('validates command results', () => {
    expect(
      parseWith(simpleAgentFrameSchema, {
        type: 'command_response',
        command_id: 'c1',
        output: '',
        exit_code: 1.5,
        duration_ms: -1,
      }),
    ).toEqual({
      ok: false,
      error: 'exit_code: expected integer, received non-integer number; duration_ms: must be >= 0',
    });
    expect(
      parseWith(simpleAgentFrameSchema, { type: 'docker_response', command_id: 'c', success: 'yes' }),
    ).toEqual({
      ok: false,
      error: 'success: expected boolean, received string',
    });
  });

  it('only allows the four docker actions', () => {
    const command = { type: 'docker_command', command_id: 'c', container_id: 'web' };
    for (const action of ['start', 'stop', 'restart', 'remove']) {
      expect(simpleHubFrameSchema.parse({ ...command, action }).type).toBe('docker_command');
    }
    expect(parseWith(simpleHubFrameSchema, { ...command, action: 'exec' })).toEqual({
      ok: false,
      error: 'action: expected one of "start" | "stop" | "restart" | "remove"',
    });
  });

  it('requires the verbatim success message', () => {
    expect(parseWith(simpleHubFrameSchema, { type: 'auth_success', server_id: 's', message: 'ok' })).toEqual({
      ok: false,
      error: 'message: expected "Connected successfully"',
    });
  });
});
