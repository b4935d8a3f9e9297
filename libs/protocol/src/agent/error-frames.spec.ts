import { describe, expect, it } from '@jest/globals';
import { responseEnvelopeSchema, resolveResponse } from '../envelope.js';
import {
  errorEvent,
  errorEventFrameSchema,
  errorResponse,
  errorResponseFrameSchema,
} from './error-frames.js';

describe('hub error frames (envelope dialect)', () => {
  it('answers a refused request with a response of its id, status error at both levels', () => {
    const frame = errorResponse(42, 'get-thing', "Unknown action 'get-thing'", 1000);
    expect(frame).toEqual({
      type: 'response',
      id: 42,
      action: 'get-thing',
      status: 'error',
      message: "Unknown action 'get-thing'",
      payload: { status: 'error', message: "Unknown action 'get-thing'" },
      timestamp: 1000,
    });
    expect(errorResponseFrameSchema.safeParse(frame).success).toBe(true);
    // Any envelope reader sees a well-formed error response.
    const parsed = responseEnvelopeSchema.parse(frame);
    expect(resolveResponse(parsed)).toEqual({ ok: false, message: "Unknown action 'get-thing'" });
  });

  it('reports anything else as an error event, naming the action when known', () => {
    expect(errorEvent('payload.cpuUsagePercent: missing (expected number)', 'metrics', 5)).toEqual({
      type: 'event',
      action: 'error',
      payload: { message: 'payload.cpuUsagePercent: missing (expected number)', action: 'metrics' },
      timestamp: 5,
    });
    const bare = errorEvent('invalid JSON', undefined, 5);
    expect(bare.payload).toEqual({ message: 'invalid JSON' });
    expect(errorEventFrameSchema.safeParse(bare).success).toBe(true);
  });
});
