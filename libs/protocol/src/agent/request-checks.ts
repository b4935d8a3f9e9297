import { MAX_METRICS_INTERVAL_SECONDS, MIN_METRICS_INTERVAL_SECONDS } from '../constants.js';
import type { ParseResult } from '../parse.js';
import { CONTAINER_REF_PATTERN, SERVICE_NAME_PATTERN, STREAM_ID_PATTERN } from '../patterns.js';
import {
  EXEC_COMMAND_MAX_CHARS,
  EXEC_OUTPUT_CAP_MAX_BYTES,
  EXEC_OUTPUT_CAP_MIN_BYTES,
  EXEC_TIMEOUT_MAX_MS,
} from './exec-limits.js';
import type { RequestActionName } from './request-actions.js';
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

type Check = (value: unknown, path: string, errors: string[]) => unknown;

const SAFE = Number.MAX_SAFE_INTEGER;

function received(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'non-integer number';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** `missing (expected string)` for an absent field, `expected string, received number` otherwise. */
function typeError(path: string, expected: string, value: unknown): string {
  return value === undefined
    ? `${path}: missing (expected ${expected})`
    : `${path}: expected ${expected}, received ${received(value)}`;
}

function int(min = -SAFE, max = SAFE): Check {
  return (value, path, errors) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      errors.push(typeError(path, 'integer', value));
    else if (value < min) errors.push(`${path}: must be >= ${min}`);
    else if (value > max) errors.push(`${path}: must be <= ${max}`);
    return value;
  };
}

const bool: Check = (value, path, errors) => {
  if (typeof value !== 'boolean') errors.push(typeError(path, 'boolean', value));
  return value;
};

function str(test: (text: string) => boolean, message: string): Check {
  return (value, path, errors) => {
    if (typeof value !== 'string') errors.push(typeError(path, 'string', value));
    else if (!test(value)) errors.push(`${path}: ${message}`);
    return value;
  };
}

const pattern = (regex: RegExp, message: string): Check => str((text) => regex.test(text), message);
const sized = (max: number): Check =>
  str(
    (text) => text.length >= 1 && text.length <= max,
    `must not be empty and at most ${max} characters long`,
  );

const serviceName = pattern(
  SERVICE_NAME_PATTERN,
  'must be a service name made of A-Z a-z 0-9 @ . _ : - (max 256)',
);
const containerRef = pattern(
  CONTAINER_REF_PATTERN,
  'must be a container id or name made of A-Z a-z 0-9 _ . -',
);
const streamId = pattern(STREAM_ID_PATTERN, 'must be 1-64 characters of A-Z a-z 0-9 _ -');

function oneOf(values: readonly string[]): Check {
  return (value, path, errors) => {
    if (typeof value !== 'string' || !values.includes(value))
      errors.push(`${path}: expected one of ${values.map((v) => JSON.stringify(v)).join(' | ')}`);
    return value;
  };
}

/** zod's `z.base64()`: the base64 alphabet, length a multiple of 4, decodable. */
const BASE64_CHARSET = /^[0-9a-zA-Z+/]*={0,2}$/;
const base64 = str((text) => {
  if (text === '') return true;
  if (!BASE64_CHARSET.test(text) || /\s/.test(text) || text.length % 4 !== 0) return false;
  try {
    atob(text);
    return true;
  } catch {
    return false;
  }
}, 'must be base64');

/** zod's `z.url({ protocol: /^https$/ })`: trimmed, parseable, https; tabs and newlines removed. */
const httpsUrl: Check = (value, path, errors) => {
  if (typeof value !== 'string') {
    errors.push(typeError(path, 'string', value));
    return value;
  }
  const trimmed = value.trim();
  const url = URL.parse(trimmed);
  if (url?.protocol !== 'https:') errors.push(`${path}: must be an https URL`);
  return trimmed.replace(/[\t\n\r]/g, '');
};

function array(item: Check): Check {
  return (value, path, errors) => {
    if (!Array.isArray(value)) {
      errors.push(typeError(path, 'array', value));
      return value;
    }
    return value.map((entry, index) => item(entry, `${path}[${index}]`, errors));
  };
}

const optional =
  (check: Check): Check =>
  (value, path, errors) =>
    value === undefined ? undefined : check(value, path, errors);

/** `z.object` (not strict): unknown keys are dropped, absent optional keys stay absent. */
function object(shape: Record<string, Check>): Check {
  return (value, path, errors) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(typeError(path, 'object', value));
      return value;
    }
    const input = value as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const field = input[key];
      const result = check(field, `${path}.${key}`, errors);
      if (result !== undefined || key in input) output[key] = result;
    }
    return output;
  };
}

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
  'ping-tasks-sync': object({
    tasks: array(
      object({
        id: streamId,
        probe: oneOf(['icmp', 'tcp', 'http']),
        target: sized(2048),
        intervalSeconds: int(1, 86_400),
        timeoutMs: optional(int(1, 60_000)),
      }),
    ),
  }),
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
