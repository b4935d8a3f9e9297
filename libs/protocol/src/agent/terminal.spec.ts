import { describe, expect, it } from '@jest/globals';
import { checkAgentRequestPayload } from './request-checks.js';
import { parseRequestPayload } from './parse-frames.js';
import { clampTerminalSize, TERMINAL_DATA_MAX_BYTES } from './terminal-limits.js';
import {
  terminalBrowserFrameSchema,
  terminalHubFrameSchema,
  terminalOutputPayloadSchema,
} from './terminal.js';

const bytes = (count: number): string => Buffer.alloc(count, 0x61).toString('base64');

describe('terminal channel', () => {
  it('caps data frames at 64 KiB decoded, exactly, in the zod schema and the agent check alike', () => {
    for (const [count, ok] of [
      [TERMINAL_DATA_MAX_BYTES, true],
      [TERMINAL_DATA_MAX_BYTES - 1, true],
      [TERMINAL_DATA_MAX_BYTES + 1, false],
    ] as const) {
      const payload = { sessionId: 't1', data: bytes(count) };
      expect(parseRequestPayload('terminal-input', payload).ok).toBe(ok);
      expect(checkAgentRequestPayload('terminal-input', payload).ok).toBe(ok);
      expect(terminalOutputPayloadSchema.safeParse(payload).success).toBe(ok);
    }
  });

  it('refuses sizes outside 1-1000 columns and 1-500 rows on the wire; the hub clamps browser sizes', () => {
    expect(parseRequestPayload('terminal-resize', { sessionId: 't', cols: 1000, rows: 500 }).ok).toBe(true);
    expect(parseRequestPayload('terminal-resize', { sessionId: 't', cols: 1001, rows: 24 }).ok).toBe(false);
    expect(checkAgentRequestPayload('terminal-resize', { sessionId: 't', cols: 80, rows: 0 }).ok).toBe(false);
    expect(clampTerminalSize(5000, 0)).toEqual({ cols: 1000, rows: 1 });
    expect(clampTerminalSize(80.7, Number.NaN)).toEqual({ cols: 80, rows: 1 });
  });

  it('reads browser frames: auth first with the ticket, never a shell or user', () => {
    const ticket = 'A'.repeat(43);
    expect(
      terminalBrowserFrameSchema.parse({ type: 'auth', ticket, cols: 80, rows: 24, shell: '/bin/bash' }),
    ).toEqual({
      type: 'auth',
      ticket,
      cols: 80,
      rows: 24,
    });
    expect(
      terminalBrowserFrameSchema.safeParse({ type: 'auth', ticket: 'short', cols: 80, rows: 24 }).success,
    ).toBe(false);
    expect(terminalBrowserFrameSchema.safeParse({ type: 'credit', bytes: 0 }).success).toBe(false);
    expect(
      terminalHubFrameSchema.safeParse({ type: 'exit', exitCode: null, reason: 'idle-timeout' }).success,
    ).toBe(true);
  });
});
