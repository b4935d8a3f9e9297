import { beforeAll, describe, expect, it } from '@jest/globals';
import { type ArgumentsHost, Logger } from '@nestjs/common';
import { readAgentReply, WireMessage, type HubError } from '@hivewatch/protocol';
import { AllExceptionsFilter } from '../../common/errors/all-exceptions.filter.js';
import { hostRequestErrorCode } from './host-error-code.js';
import { AgentReplyError } from './rpc-errors.js';

/** What the REST caller receives for an agent's answer to `get-services` (rpc-client's path). */
function restBody(payload: unknown, status?: 'error'): HubError {
  const reply = readAgentReply('get-services', {
    type: 'response',
    id: 7,
    action: 'get-services',
    payload,
    status,
  });
  if (reply.kind !== 'agent-error') throw new Error(`expected an agent error, got ${reply.kind}`);
  const error = new AgentReplyError(reply.message, hostRequestErrorCode(reply.message, reply.code));
  let body: unknown;
  const res = { headersSent: false, status: () => ({ json: (b: unknown) => (body = b) }) };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => ({ id: 'r1', method: 'GET', path: '/' }),
      getResponse: () => res,
    }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(error, host);
  return body as HubError;
}

describe('host request error codes (hub)', () => {
  // The filter logs every 5xx; these are expected.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('passes the code our agent sends through unchanged, with its message', () => {
    expect(
      restBody({ status: 'error', message: WireMessage.SystemdUnavailable, code: 'systemd-unavailable' }),
    ).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'systemd is not available on this host',
      requestId: 'r1',
      code: 'systemd-unavailable',
    });
  });

  it('gives an agent that sends only the text (older agents) the same code', () => {
    expect(restBody({ status: 'error', message: 'systemd is not available on this host' }).code).toBe(
      'systemd-unavailable',
    );
  });

  it("recognises systemctl's own words relayed by a seed-002 agent, at either level", () => {
    const stderr =
      "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down";
    expect(restBody({ status: 'error', message: stderr }).code).toBe('systemd-unavailable');
    expect(restBody({ message: stderr }, 'error').code).toBe('systemd-unavailable');
  });

  it('gives other refusals no code, and ignores a code it does not know', () => {
    const other = restBody({ status: 'error', message: 'Unit nginx.service could not be found.' });
    expect(other).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'Unit nginx.service could not be found.',
      requestId: 'r1',
    });
    expect(restBody({ status: 'error', message: 'disk on fire', code: 'disk-on-fire' })).not.toHaveProperty(
      'code',
    );
  });

  it('keeps a code the agent sent even when the text would mean another', () => {
    expect(hostRequestErrorCode('anything at all', 'systemd-unavailable')).toBe('systemd-unavailable');
    expect(hostRequestErrorCode('anything at all', undefined)).toBeUndefined();
  });
});
