import { z } from 'zod';
import { exitCodeSchema, integerSchema, nameSchema, streamIdSchema, textSchema } from '../primitives.js';
import {
  base64DecodedBytes,
  TERMINAL_COLS_MAX,
  TERMINAL_COLS_MIN,
  TERMINAL_DATA_MAX_BYTES,
  TERMINAL_END_REASONS,
  TERMINAL_ROWS_MAX,
  TERMINAL_ROWS_MIN,
  TERMINAL_WINDOW_MAX_BYTES,
} from './terminal-limits.js';

/**
 * The terminal channel (docs/terminal.md): sessions multiplexed by `sessionId` on the agent's existing
 * connection. Hub → agent: requests `terminal-open`, `terminal-input`, `terminal-resize`,
 * `terminal-credit`, `terminal-close` (capability `terminal`). Agent → hub: events `terminal-output`,
 * `terminal-exit`. The shell and its user are never on the wire: they come from the host's config.
 */

const terminalSize = {
  cols: integerSchema().min(TERMINAL_COLS_MIN).max(TERMINAL_COLS_MAX),
  rows: integerSchema().min(TERMINAL_ROWS_MIN).max(TERMINAL_ROWS_MAX),
};

const windowBytesSchema = integerSchema().min(1).max(TERMINAL_WINDOW_MAX_BYTES);

/** Base64 of at most {@link TERMINAL_DATA_MAX_BYTES} bytes. */
export const terminalDataSchema = z
  .base64()
  .refine((text) => base64DecodedBytes(text) <= TERMINAL_DATA_MAX_BYTES, {
    error: `must encode at most ${TERMINAL_DATA_MAX_BYTES} bytes`,
  })
  .describe('base64-encoded bytes, at most 64 KiB decoded');

export const terminalEndReasonSchema = z.enum(TERMINAL_END_REASONS);

/** `terminal-open`: start a PTY session; `window` = output bytes allowed before the first credit. */
export const terminalOpenRequestSchema = z.object({
  sessionId: streamIdSchema,
  ...terminalSize,
  window: windowBytesSchema.optional().describe('initial output window in bytes; agent default if absent'),
});
export type TerminalOpenRequest = z.infer<typeof terminalOpenRequestSchema>;

/** `terminal-input`: keystrokes or a paste. */
export const terminalInputRequestSchema = z.object({ sessionId: streamIdSchema, data: terminalDataSchema });
export type TerminalInputRequest = z.infer<typeof terminalInputRequestSchema>;

/** `terminal-resize`: out-of-range sizes are refused here; the hub clamps what browsers ask for. */
export const terminalResizeRequestSchema = z.object({ sessionId: streamIdSchema, ...terminalSize });
export type TerminalResizeRequest = z.infer<typeof terminalResizeRequestSchema>;

/** `terminal-credit`: the reader consumed `bytes` more output; the agent may send that much more. */
export const terminalCreditRequestSchema = z.object({ sessionId: streamIdSchema, bytes: windowBytesSchema });
export type TerminalCreditRequest = z.infer<typeof terminalCreditRequestSchema>;

/** `terminal-close`: kill the session's whole process group. */
export const terminalCloseRequestSchema = z.object({
  sessionId: streamIdSchema,
  reason: terminalEndReasonSchema.optional().describe('why the hub ends it; default "user"'),
});
export type TerminalCloseRequest = z.infer<typeof terminalCloseRequestSchema>;

/** `terminal-output` (event): PTY output, in order; `seq` counts frames of the session from 0. */
export const terminalOutputPayloadSchema = z.object({
  sessionId: nameSchema,
  seq: integerSchema().min(0).optional(),
  data: terminalDataSchema,
});
export type TerminalOutputPayload = z.infer<typeof terminalOutputPayloadSchema>;

/** `terminal-exit` (event): the session ended (or could not start: `error`). Sent once per session. */
export const terminalExitPayloadSchema = z.object({
  sessionId: nameSchema,
  exitCode: exitCodeSchema.nullable(),
  signal: nameSchema.nullish(),
  reason: terminalEndReasonSchema.optional(),
  error: textSchema.optional(),
});
export type TerminalExitPayload = z.infer<typeof terminalExitPayloadSchema>;

/* ---- Browser ↔ hub on `/api/v1/ws/terminal` (JSON text frames) ---- */

/** A ticket: 32 random bytes, base64url (43 characters). */
export const terminalTicketSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: 'must be a terminal ticket' });

/** REST reply to `POST /api/v1/servers/{id}/terminal/tickets` (admins, after step-up). */
export const terminalTicketResponseSchema = z.object({
  ticket: terminalTicketSchema,
  sessionId: streamIdSchema,
  expiresAt: z.iso.datetime(),
});
export type TerminalTicketResponse = z.infer<typeof terminalTicketResponseSchema>;

/** Browser → hub. The first frame must be `auth`; nothing else is read before it. */
export const terminalBrowserFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), ticket: terminalTicketSchema, ...terminalSize }),
  z.object({ type: z.literal('input'), data: terminalDataSchema }),
  z.object({
    type: z.literal('resize'),
    cols: integerSchema().min(0).max(100_000),
    rows: integerSchema().min(0).max(100_000),
  }),
  z.object({ type: z.literal('credit'), bytes: windowBytesSchema }),
  z.object({ type: z.literal('close') }),
]);
export type TerminalBrowserFrame = z.infer<typeof terminalBrowserFrameSchema>;

/** Hub → browser. */
export const terminalHubFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), sessionId: streamIdSchema }),
  z.object({ type: z.literal('output'), data: terminalDataSchema }),
  z.object({
    type: z.literal('exit'),
    exitCode: exitCodeSchema.nullable(),
    signal: nameSchema.nullish(),
    reason: terminalEndReasonSchema,
  }),
  z.object({ type: z.literal('error'), message: textSchema }),
]);
export type TerminalHubFrame = z.infer<typeof terminalHubFrameSchema>;
