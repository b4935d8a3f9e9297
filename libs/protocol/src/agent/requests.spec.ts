import { describe, expect, it } from '@jest/globals';
import { parseWith } from '../parse.js';
import { SERVICE_NAME_PATTERN } from '../primitives.js';
import { parseRequestPayload, readAgentReply } from './parse-frames.js';
import {
  agentConfigRequestSchema,
  processRequestSchema,
  serverInfoSchema,
  serviceRequestSchema,
} from './requests.js';
import { unwrapProcesses, unwrapServices } from './unwrap.js';
import { responseEnvelopeSchema } from '../envelope.js';

const SERVICE_NAME_ERROR = 'must be a service name made of A-Z a-z 0-9 @ . _ : - (max 256)';

describe('update-agent-config request', () => {
  const config = (metricsInterval: unknown, watchlist: unknown = []) =>
    parseRequestPayload('update-agent-config', { metricsInterval, watchlist });

  it('accepts the bounds 0 and 3600', () => {
    expect(config(0).ok).toBe(true);
    expect(config(3600).ok).toBe(true);
  });

  it.each([
    [3601, 'payload.metricsInterval: must be <= 3600'],
    [1.5, 'payload.metricsInterval: expected integer, received non-integer number'],
    [-1, 'payload.metricsInterval: must be >= 0'],
    ['10', 'payload.metricsInterval: expected integer, received string'],
    [null, 'payload.metricsInterval: expected integer, received null'],
  ])('rejects metricsInterval %p', (value, error) => {
    expect(config(value)).toEqual({ ok: false, error });
  });

  it('rejects a watchlist entry with shell metacharacters', () => {
    expect(config(10, ['nginx', ';rm -rf /'])).toEqual({
      ok: false,
      error: `payload.watchlist[1]: ${SERVICE_NAME_ERROR}`,
    });
  });

  it('rejects a watchlist that is not a list of strings', () => {
    expect(config(10, 'nginx')).toEqual({
      ok: false,
      error: 'payload.watchlist: expected array, received string',
    });
    expect(config(10, [42])).toEqual({
      ok: false,
      error: 'payload.watchlist[0]: expected string, received number',
    });
  });

  it('requires both fields', () => {
    expect(parseWith(agentConfigRequestSchema, {}, 'payload')).toEqual({
      ok: false,
      error:
        'payload.metricsInterval: missing (expected integer); payload.watchlist: missing (expected array)',
    });
  });
});

describe('service names', () => {
  it.each(['nginx', 'nginx.service', 'getty@tty1.service', 'systemd-journald', 'db'])(
    'accepts %s',
    (name) => {
      expect(SERVICE_NAME_PATTERN.test(name)).toBe(true);
    },
  );

  it.each([
    '',
    '-h',
    '.',
    '../etc',
    'a b',
    'a;b',
    'a|b',
    '$(id)',
    '`id`',
    'a&b',
    'a>b',
    'x'.repeat(257),
    'a\nb',
  ])('rejects %p', (name) => {
    expect(parseWith(serviceRequestSchema, { name }, 'payload')).toEqual({
      ok: false,
      error: `payload.name: ${SERVICE_NAME_ERROR}`,
    });
  });
});

describe('get-process request', () => {
  it.each([1234, '1234'])('accepts pid %p', (pid) => {
    expect(parseWith(processRequestSchema, { pid }).ok).toBe(true);
  });

  it.each(['abc', '12a', '', '0', 1.5, true, null])('rejects pid %p', (pid) => {
    expect(parseWith(processRequestSchema, { pid }, 'payload')).toEqual({
      ok: false,
      error: 'payload.pid: expected a positive integer or a string of digits',
    });
  });

  it.each([0, -3])('rejects pid %p as out of range', (pid) => {
    expect(parseWith(processRequestSchema, { pid }, 'payload')).toEqual({
      ok: false,
      error: 'payload.pid: must be >= 1',
    });
  });
});

describe('response data', () => {
  it('keeps unknown server-info fields and rejects wrong types', () => {
    expect(serverInfoSchema.parse({ hostname: 'h', bootTime: 5 })).toEqual({ hostname: 'h', bootTime: 5 });
    expect(parseWith(serverInfoSchema, { hostname: 'h', cpuCores: '4' }, 'data')).toEqual({
      ok: false,
      error: 'data.cpuCores: expected integer, received string',
    });
  });

  it('names the bad field inside a wrapped list', () => {
    expect(unwrapServices({ services: [{ name: 'a', activeState: 'active', subState: 1 }] })).toEqual({
      ok: false,
      error: 'data.services[0].subState: expected string, received number',
    });
    expect(unwrapProcesses('nope')).toEqual({ ok: false, error: 'data: expected array, received string' });
  });

  it('reads a full get-process reply with a string cmdline and an argv cmdline', () => {
    for (const cmdline of ['python app.py', ['python', 'app.py']]) {
      const frame = responseEnvelopeSchema.parse({
        type: 'response',
        id: 3,
        action: 'get-process',
        payload: {
          status: 'ok',
          data: { pid: 12, name: 'python', cmdline, nice: 0, numThreads: 4, uptimeSeconds: 9 },
        },
      });
      expect(readAgentReply('get-process', frame)).toEqual({
        kind: 'ok',
        data: { pid: 12, name: 'python', cmdline, nice: 0, numThreads: 4, uptimeSeconds: 9 },
      });
    }
  });

  it('reports data that breaks the contract as invalid, not as an agent error', () => {
    const frame = responseEnvelopeSchema.parse({
      type: 'response',
      id: 4,
      action: 'get-processes',
      payload: { status: 'ok', data: [{ pid: 'x', name: 'a' }] },
    });
    expect(readAgentReply('get-processes', frame)).toEqual({
      kind: 'invalid',
      error: 'data[0].pid: expected integer, received string',
    });
  });
});
