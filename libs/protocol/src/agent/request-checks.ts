import { MAX_METRICS_INTERVAL_SECONDS, MIN_METRICS_INTERVAL_SECONDS } from '../constants.js';
import type { ParseResult } from '../parse.js';
import {
  EXEC_COMMAND_MAX_CHARS,
  EXEC_OUTPUT_CAP_MAX_BYTES,
  EXEC_OUTPUT_CAP_MIN_BYTES,
  EXEC_TIMEOUT_MAX_MS,
} from './exec-limits.js';
import type { RequestActionName } from './request-actions.js';
import {
  array,
  base64,
  bool,
  containerRef,
  httpsUrl,
  serviceName,
  int,
  maxItems,
  object,
  oneOf,
  optional,
  pattern,
  sized,
  streamId,
  typeError,
  SAFE,
  type Check,
} from './check-combinators.js';
import { pingTask } from './probe-checks.js';
import { PROBE_MAX_TASKS } from './probe-limits.js';
import { DOCKER_ACTIONS, DOCKER_LOG_TAIL_MAX } from './docker-limits.js';
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
 * Zod-free twin of `parseRequestPayload` for the agent: loading zod and every schema costs the agent
 * process ~10 MB of private memory (docs/benchmarks.md). Accepts and rejects exactly what the
 * request schemas of requests.ts / extensions.ts do, with the same output (unknown keys stripped,
 * URLs trimmed); request-checks.spec.ts compares both on valid payloads and malformed variants.
 */

const empty: Check = (value, path, errors) => {
  if (value !== null) errors.push(typeError(path, 'null', value));
  return value;
};

const PID_PATTERN = /^[1-9][0-9]{0,9}$/;
/** `get-process`: a positive safe integer, or a string of 1-10 digits not starting with 0. */
const pid: Check = (value, path, errors) => {
  const accepted =
    typeof value === 'string'
      ? PID_PATTERN.test(value)
      : typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
  if (accepted) return value;
  const belowOne = typeof value === 'number' && Number.isSafeInteger(value);
  errors.push(`${path}: ${belowOne ? 'must be >= 1' : 'expected a positive integer or a string of digits'}`);
  return value;
};

const service = object({ name: serviceName });
const streamStop = object({ streamId });
const terminalSize = {
  cols: int(TERMINAL_COLS_MIN, TERMINAL_COLS_MAX),
  rows: int(TERMINAL_ROWS_MIN, TERMINAL_ROWS_MAX),
};
/** Base64 of at most 64 KiB: the base64 check first, then the size (as the zod schema orders them). */
const terminalData: Check = (value, path, errors) => {
  const before = errors.length;
  base64(value, path, errors);
  if (errors.length === before && base64DecodedBytes(value as string) > TERMINAL_DATA_MAX_BYTES)
    errors.push(`${path}: must encode at most ${TERMINAL_DATA_MAX_BYTES} bytes`);
  return value;
};
const terminalWindow = int(1, TERMINAL_WINDOW_MAX_BYTES);

const REQUEST_CHECKS: Record<RequestActionName, Check> = {
  'get-server-info': empty,
  'get-services': empty,
  'get-service': service,
  'get-service-log': service,
  'restart-service': service,
  'get-processes': empty,
  'get-process': object({ pid }),
  'update-agent-config': object({
    metricsInterval: int(MIN_METRICS_INTERVAL_SECONDS, MAX_METRICS_INTERVAL_SECONDS),
    watchlist: array(serviceName),
  }),
  exec: object({
    command: sized(EXEC_COMMAND_MAX_CHARS),
    timeoutMs: optional(int(1, EXEC_TIMEOUT_MAX_MS)),
    outputCapBytes: optional(int(EXEC_OUTPUT_CAP_MIN_BYTES, EXEC_OUTPUT_CAP_MAX_BYTES)),
    stream: optional(bool),
  }),
  'exec-cancel': object({ requestId: int(0, SAFE) }),
  'terminal-open': object({ sessionId: streamId, ...terminalSize, window: optional(terminalWindow) }),
  'terminal-input': object({ sessionId: streamId, data: terminalData }),
  'terminal-resize': object({ sessionId: streamId, ...terminalSize }),
  'terminal-credit': object({ sessionId: streamId, bytes: terminalWindow }),
  'terminal-close': object({ sessionId: streamId, reason: optional(oneOf(TERMINAL_END_REASONS)) }),
  'ping-tasks-sync': object({ tasks: maxItems(PROBE_MAX_TASKS, array(pingTask)) }),
  'docker-list': empty,
  'docker-inspect': object({ containerId: containerRef }),
  'docker-action': object({ containerId: containerRef, action: oneOf(DOCKER_ACTIONS) }),
  'docker-logs-start': object({
    streamId,
    containerId: containerRef,
    tail: int(0, DOCKER_LOG_TAIL_MAX),
    follow: bool,
  }),
  'docker-logs-stop': streamStop,
  'logs-follow-start': object({ streamId, service: serviceName, lines: optional(int(0, 1000)) }),
  'logs-follow-stop': streamStop,
  upgrade: object({
    version: sized(64),
    url: httpsUrl,
    sha256: pattern(/^[a-f0-9]{64}$/, 'must be 64 lower-case hex digits'),
  }),
  'get-capabilities': empty,
};

/**
 * Validates a request payload the agent received, like `parseRequestPayload` but without zod.
 * Errors read `payload.<field>: …`, several joined by `; `.
 */
export function checkAgentRequestPayload(action: RequestActionName, payload: unknown): ParseResult<unknown> {
  const errors: string[] = [];
  const value = REQUEST_CHECKS[action](payload, 'payload', errors);
  return errors.length === 0 ? { ok: true, value } : { ok: false, error: errors.join('; ') };
}
