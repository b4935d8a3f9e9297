/** Zod-free limits of `exec` (the agent bundle imports them without zod). */

export const EXEC_COMMAND_MAX_CHARS = 8192;
/** Bytes kept per stream by default: head and tail halves. */
export const EXEC_OUTPUT_CAP_DEFAULT_BYTES = 64 * 1024;
export const EXEC_OUTPUT_CAP_MIN_BYTES = 1024;
export const EXEC_OUTPUT_CAP_MAX_BYTES = 1024 * 1024;
export const EXEC_TIMEOUT_DEFAULT_MS = 60_000;
/** 24 h: long jobs belong in a service, not in a command run. */
export const EXEC_TIMEOUT_MAX_MS = 86_400_000;
