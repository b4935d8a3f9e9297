import { describe, expect, it } from '@jest/globals';
import { PROTOCOL_VERSION } from '../constants.js';
import { WireMessage } from '../messages.js';
import { parseWith } from '../parse.js';
import {
  authenticateErrorReply,
  authenticateOkReply,
  authenticateReplyFrameSchema,
  authenticateRequestFrameSchema,
  isEnrollment,
} from './authenticate.js';

const request = (payload: unknown, extra: object = {}) => ({
  type: 'request',
  action: 'authenticate',
  payload,
  ...extra,
});

describe('authenticate request', () => {
  it('accepts our agent with every optional field', () => {
    const frame = request(
      {
        agent_id: 'srv-1',
        token: 'hw_abc',
        agent_version: '2.0.0',
        protocol_version: 2,
        hostname: 'web-1',
        capabilities: ['docker', 'ping', 'teleport'],
        resume: { lastSeq: 40, lastAckedSeq: 30, pendingSamples: 10, oldestPendingTimestamp: 1733936600000 },
      },
      { id: 1, timestamp: 1733936600000 },
    );
    const parsed = authenticateRequestFrameSchema.parse(frame);
    expect(parsed.payload.capabilities).toEqual(['docker', 'ping', 'teleport']);
    expect(isEnrollment(parsed.payload)).toBe(false);
  });

  it('accepts enrollment credentials', () => {
    const parsed = authenticateRequestFrameSchema.parse(
      request({ enrollment_key: 'ek_1', hostname: 'web-2', machine_id: 'abc123' }),
    );
    expect(isEnrollment(parsed.payload)).toBe(true);
  });

  it('explains which credentials are expected when neither shape is given', () => {
    expect(parseWith(authenticateRequestFrameSchema, request({ agent_id: 'srv-1' }))).toEqual({
      ok: false,
      error: 'payload: expected {agent_id, token} or {enrollment_key, hostname, machine_id}',
    });
    expect(parseWith(authenticateRequestFrameSchema, request('token'))).toEqual({
      ok: false,
      error: 'payload: expected {agent_id, token} or {enrollment_key, hostname, machine_id}',
    });
  });

  it('names the wrongly typed field of the intended shape', () => {
    expect(parseWith(authenticateRequestFrameSchema, request({ agent_id: 'srv-1', token: 42 }))).toEqual({
      ok: false,
      error: 'payload.token: expected string, received number',
    });
    expect(
      parseWith(
        authenticateRequestFrameSchema,
        request({ agent_id: 'a', token: 't', protocol_version: 'two' }),
      ),
    ).toEqual({ ok: false, error: 'payload.protocol_version: expected integer, received string' });
  });

  it('rejects a non-integer id', () => {
    expect(
      parseWith(authenticateRequestFrameSchema, request({ agent_id: 'a', token: 't' }, { id: 'x' })),
    ).toEqual({
      ok: false,
      error: 'id: expected integer, received string',
    });
  });
});

describe('authenticate reply', () => {
  it('puts status at both levels and returns enrollment credentials', () => {
    const reply = authenticateOkReply(
      null,
      { server_id: 's', protocol_version: PROTOCOL_VERSION, metrics_interval: 5, agent_id: 's', token: 't' },
      1000,
    );
    expect(reply).toEqual({
      type: 'response',
      id: null,
      action: 'authenticate',
      status: 'ok',
      payload: {
        status: 'ok',
        server_id: 's',
        protocol_version: 2,
        metrics_interval: 5,
        agent_id: 's',
        token: 't',
      },
      timestamp: 1000,
    });
    expect(authenticateReplyFrameSchema.parse(reply)).toEqual(reply);
  });

  it('puts status and message at both levels on failure', () => {
    const reply = authenticateErrorReply(4, WireMessage.InvalidAgentCredentials, 1000);
    expect(reply).toMatchObject({
      id: 4,
      status: 'error',
      message: 'Invalid agent credentials',
      payload: { status: 'error', message: 'Invalid agent credentials' },
    });
    expect(authenticateReplyFrameSchema.parse(reply)).toEqual(reply);
  });
});
