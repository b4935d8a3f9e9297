import type { HivewatchClient } from '../client.js';

/** What a command needs from the outside world: the hub client, output streams and the clock. */
export interface CliContext {
  /** Built on first use from HIVEWATCH_URL / HIVEWATCH_API_KEY, so `--help` works without them. */
  client(): HivewatchClient;
  out(text: string): void;
  err(text: string): void;
  now(): number;
}

/** Exit statuses, the contract with pipelines. */
export const EXIT_OK = 0;
/** `check`: a sample broke the limit (or a server sent nothing in the window). */
export const EXIT_CHECK_FAILED = 1;
/** Bad usage, unreachable hub, refused credential or any other error. */
export const EXIT_ERROR = 2;
