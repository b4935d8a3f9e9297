import {
  PROBE_HEADER_NAME_PATTERN,
  PROBE_HTTP_BODY_MAX_CHARS,
  PROBE_HTTP_HEADER_VALUE_MAX_CHARS,
  PROBE_HTTP_MAX_HEADERS,
  PROBE_HTTP_METHODS,
  PROBE_ICMP_COUNT_MAX,
  PROBE_INTERVAL_MAX_SECONDS,
  PROBE_INTERVAL_MIN_SECONDS,
  PROBE_KEYWORD_MAX_CHARS,
  PROBE_KINDS,
  PROBE_MAX_REDIRECTS,
  PROBE_TARGET_MAX_CHARS,
  PROBE_TIMEOUT_MAX_MS,
  PROBE_TIMEOUT_MIN_MS,
} from './probe-limits.js';
import {
  array,
  bool,
  int,
  maxItems,
  nullable,
  object,
  oneOf,
  optional,
  pattern,
  sized,
  str,
  streamId,
  type Check,
} from './check-combinators.js';

/** Zod-free twin of `pingTaskSchema` (probes.ts) for the agent; request-checks.spec.ts compares them. */

const header = object({
  name: pattern(PROBE_HEADER_NAME_PATTERN, 'must be an HTTP header name'),
  value: str(
    (text) => text.length <= PROBE_HTTP_HEADER_VALUE_MAX_CHARS && /^[^\r\n]*$/.test(text),
    `must be one line of at most ${PROBE_HTTP_HEADER_VALUE_MAX_CHARS} characters`,
  ),
});

const httpOptions = object({
  method: oneOf(PROBE_HTTP_METHODS),
  expectedStatus: maxItems(64, array(int(100, 599)), 1),
  keyword: nullable(sized(PROBE_KEYWORD_MAX_CHARS)),
  keywordMode: oneOf(['present', 'absent']),
  followRedirects: bool,
  maxRedirects: int(0, PROBE_MAX_REDIRECTS),
  headers: maxItems(PROBE_HTTP_MAX_HEADERS, array(header)),
  body: nullable(
    str(
      (text) => text.length <= PROBE_HTTP_BODY_MAX_CHARS,
      `must be at most ${PROBE_HTTP_BODY_MAX_CHARS} characters`,
    ),
  ),
  ignoreTlsErrors: bool,
});

export const pingTask: Check = object({
  id: streamId,
  probe: oneOf(PROBE_KINDS),
  target: sized(PROBE_TARGET_MAX_CHARS),
  intervalSeconds: int(PROBE_INTERVAL_MIN_SECONDS, PROBE_INTERVAL_MAX_SECONDS),
  timeoutMs: int(PROBE_TIMEOUT_MIN_MS, PROBE_TIMEOUT_MAX_MS),
  icmpCount: optional(int(1, PROBE_ICMP_COUNT_MAX)),
  http: optional(httpOptions),
});
