import { describe, expect, it } from '@jest/globals';
import { envelopeSchema, NO_ERROR_MESSAGE, resolveResponse, responseEnvelopeSchema } from './envelope.js';
import { detectDialect } from './first-frame.js';
import { parseJsonWith, parseWith } from './parse.js';

const response = (extra: object) =>
  responseEnvelopeSchema.parse({ type: 'response', id: 1, action: 'x', ...extra });

describe('envelope', () => {
  it('accepts events without id, with id null and without timestamp', () => {
    expect(envelopeSchema.parse({ type: 'event', action: 'metrics', payload: {} })).toEqual({
      type: 'event',
      action: 'metrics',
      payload: {},
    });
    expect(envelopeSchema.parse({ type: 'event', id: null, action: 'metrics', payload: {} }).id).toBeNull();
  });

  it('drops unknown extra fields instead of failing', () => {
    const parsed = envelopeSchema.parse({
      type: 'event',
      action: 'log',
      payload: {},
      agentSeq: 9,
      trace: 'x',
    });
    expect(parsed).not.toHaveProperty('agentSeq');
  });

  it('rejects a non-integer id with a path-to-field message', () => {
    expect(
      parseWith(envelopeSchema, { type: 'request', id: 1.5, action: 'get-services', payload: null }),
    ).toEqual({
      ok: false,
      error: 'id: expected integer, received non-integer number',
    });
    expect(parseWith(envelopeSchema, { type: 'request', id: '12', action: 'a', payload: null })).toEqual({
      ok: false,
      error: 'id: expected integer, received string',
    });
  });

  it('requires an id on responses (it is how they are matched)', () => {
    expect(parseWith(envelopeSchema, { type: 'response', action: 'get-services', payload: {} })).toEqual({
      ok: false,
      error: 'id: missing (expected integer)',
    });
  });

  it('rejects an unknown type, a missing action and a string timestamp', () => {
    expect(parseWith(envelopeSchema, { type: 'notify', action: 'a' })).toEqual({
      ok: false,
      error: 'type: expected one of "request" | "response" | "event"',
    });
    expect(parseWith(envelopeSchema, { type: 'event', payload: {}, timestamp: '1733936600000' })).toEqual({
      ok: false,
      error: 'action: missing (expected string); timestamp: expected number, received string',
    });
  });

  it('turns malformed JSON into an error result', () => {
    const result = parseJsonWith(envelopeSchema, '{"type":');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^invalid JSON: /);
  });
});

describe('resolveResponse', () => {
  it('reads status and data from the payload (seed 002)', () => {
    expect(resolveResponse(response({ payload: { status: 'ok', data: [1] } }))).toEqual({
      ok: true,
      data: [1],
    });
  });

  it('reads status at envelope level with the payload as data', () => {
    expect(resolveResponse(response({ status: 'ok', payload: [{ name: 'nginx' }] }))).toEqual({
      ok: true,
      data: [{ name: 'nginx' }],
    });
  });

  it('keeps a wrapper that sits beside status in the payload', () => {
    expect(resolveResponse(response({ payload: { status: 'ok', services: [] } }))).toEqual({
      ok: true,
      data: { services: [] },
    });
  });

  it('reports errors from either level, with a fallback message', () => {
    expect(resolveResponse(response({ payload: { status: 'error', message: 'no such unit' } }))).toEqual({
      ok: false,
      message: 'no such unit',
    });
    expect(resolveResponse(response({ status: 'error', message: 'denied', payload: null }))).toEqual({
      ok: false,
      message: 'denied',
    });
    expect(resolveResponse(response({ payload: { status: 'error' } }))).toEqual({
      ok: false,
      message: NO_ERROR_MESSAGE,
    });
  });

  it('treats a response without any status as an error', () => {
    expect(resolveResponse(response({ payload: { data: 1 } }))).toEqual({
      ok: false,
      message: 'response carries no status',
    });
  });
});

describe('detectDialect', () => {
  it('tells the two first frames apart and rejects anything else', () => {
    expect(detectDialect({ type: 'request', action: 'authenticate', payload: {} })).toBe('envelope');
    expect(detectDialect({ type: 'auth', api_key: 'k' })).toBe('simple');
    expect(detectDialect({ type: 'event', action: 'metrics' })).toBeNull();
    expect(detectDialect([])).toBeNull();
    expect(detectDialect('auth')).toBeNull();
  });
});
