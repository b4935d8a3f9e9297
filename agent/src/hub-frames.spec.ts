import { describe, expect, it } from '@jest/globals';
import { authenticateErrorReply, authenticateOkReply } from '@hivewatch/protocol';
import { readHubFrame } from './hub-frames.js';

describe('readHubFrame', () => {
  it('reads the authenticate replies the hub builds, with enrollment credentials', () => {
    expect(
      readHubFrame(
        authenticateOkReply(1, {
          server_id: 's1',
          protocol_version: 2,
          metrics_interval: 5,
          agent_id: 's1',
          token: 't',
        }),
      ),
    ).toEqual({ kind: 'auth-ok', serverId: 's1', agentId: 's1', token: 't' });
    expect(readHubFrame(authenticateErrorReply(1, 'Invalid agent credentials'))).toEqual({
      kind: 'auth-error',
      message: 'Invalid agent credentials',
    });
  });

  it('reads acks and requests; anything else is ignored', () => {
    expect(readHubFrame({ type: 'event', action: 'ack', payload: { seq: 42 } })).toEqual({
      kind: 'ack',
      seq: 42,
    });
    expect(readHubFrame({ type: 'request', id: 7, action: 'get-process', payload: { pid: '12' } })).toEqual({
      kind: 'request',
      request: { id: 7, action: 'get-process', payload: { pid: '12' } },
    });
    expect(readHubFrame({ type: 'event', action: 'ack', payload: { seq: 'x' } })).toEqual({ kind: 'other' });
    expect(readHubFrame([1, 2])).toEqual({ kind: 'other' });
  });
});
