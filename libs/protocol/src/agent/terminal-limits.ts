/** Zod-free limits of the terminal channel (the agent bundle imports them without zod). */

export const TERMINAL_COLS_MIN = 1;
export const TERMINAL_COLS_MAX = 1000;
export const TERMINAL_ROWS_MIN = 1;
export const TERMINAL_ROWS_MAX = 500;
/** Decoded bytes in one `data` frame (input or output), either direction. */
export const TERMINAL_DATA_MAX_BYTES = 64 * 1024;

/** Bytes a valid base64 text decodes to (without decoding it). */
export function base64DecodedBytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length / 4) * 3) - padding;
}
/** Output bytes the agent may send before the first credit grant (open's `window` default). */
export const TERMINAL_WINDOW_DEFAULT_BYTES = 256 * 1024;
/** Largest window one open or credit frame may grant; the agent caps its outstanding window there too. */
export const TERMINAL_WINDOW_MAX_BYTES = 4 * 1024 * 1024;
export const TERMINAL_IDLE_TIMEOUT_DEFAULT_MS = 15 * 60_000;
export const TERMINAL_MAX_DURATION_DEFAULT_MS = 8 * 3_600_000;
/** A ticket for `/api/v1/ws/terminal` is valid this long, once. */
export const TERMINAL_TICKET_TTL_MS = 60_000;

/** Why a session ended (`terminal-close` request and `terminal-exit` event). */
export const TERMINAL_END_REASONS = [
  'user',
  'exited',
  'idle-timeout',
  'max-duration',
  'capability-removed',
  'hub-gone',
  'signed-out',
  'agent-shutdown',
  'spawn-failed',
] as const;
export type TerminalEndReason = (typeof TERMINAL_END_REASONS)[number];

/** Clamps a browser's requested size into the accepted range (the hub clamps before it forwards). */
export function clampTerminalSize(cols: number, rows: number): { cols: number; rows: number } {
  const clamp = (value: number, min: number, max: number): number =>
    Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : min;
  return {
    cols: clamp(cols, TERMINAL_COLS_MIN, TERMINAL_COLS_MAX),
    rows: clamp(rows, TERMINAL_ROWS_MIN, TERMINAL_ROWS_MAX),
  };
}
