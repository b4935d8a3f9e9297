import { describe, expect, it } from '@jest/globals';
import { TERMINAL_DATA_MAX_BYTES } from '@hivewatch/protocol';
import { parseBrowserFrame } from './browser-frames.js';
import { TERMINAL_MAX_PAYLOAD } from './terminal.gateway.js';

const text = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseBrowserFrame', () => {
  it('accepts the frames of the contract', () => {
    const ticket = 'a'.repeat(43);
    expect(parseBrowserFrame(text({ type: 'auth', ticket, cols: 80, rows: 24 }), false)).toEqual({
      ok: true,
      frame: { type: 'auth', ticket, cols: 80, rows: 24 },
    });
    expect(parseBrowserFrame(text({ type: 'resize', cols: 0, rows: 99_999 }), false).ok).toBe(true);
    expect(parseBrowserFrame(text({ type: 'close' }), false).ok).toBe(true);
  });

  it('refuses binary, invalid JSON, unknown types and oversized input without echoing values', () => {
    expect(parseBrowserFrame(Buffer.from('x'), true)).toMatchObject({
      ok: false,
      message: expect.stringContaining('binary'),
    });
    expect(parseBrowserFrame(Buffer.from('{'), false)).toEqual({ ok: false, message: 'invalid JSON' });
    const secret = 'not-a-ticket-secret';
    const refused = parseBrowserFrame(text({ type: 'auth', ticket: secret, cols: 80, rows: 24 }), false);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).not.toContain(secret);
    const tooBig = Buffer.alloc(TERMINAL_DATA_MAX_BYTES + 1).toString('base64');
    expect(parseBrowserFrame(text({ type: 'input', data: tooBig }), false).ok).toBe(false);
    expect(parseBrowserFrame(text({ type: 'credit', bytes: 0 }), false).ok).toBe(false);
    expect(parseBrowserFrame(text({ type: 'shell', command: 'id' }), false).ok).toBe(false);
  });

  it('lets the largest valid input frame through the socket limit', () => {
    const largest = text({ type: 'input', data: Buffer.alloc(TERMINAL_DATA_MAX_BYTES).toString('base64') });
    expect(largest.length).toBeLessThanOrEqual(TERMINAL_MAX_PAYLOAD);
    expect(parseBrowserFrame(largest, false).ok).toBe(true);
  });
});
