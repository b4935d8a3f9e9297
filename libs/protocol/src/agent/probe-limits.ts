/** Zod-free probe limits (re-exported by probes.ts), shared by the agent bundle, the hub and tests. */

export const PROBE_KINDS = ['icmp', 'tcp', 'http'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** Probes one agent runs at most (a `ping-tasks-sync` with more is refused). */
export const PROBE_MAX_TASKS = 500;
export const PROBE_INTERVAL_MIN_SECONDS = 10;
export const PROBE_INTERVAL_MAX_SECONDS = 86_400;
export const PROBE_TIMEOUT_MIN_MS = 100;
export const PROBE_TIMEOUT_MAX_MS = 60_000;
export const PROBE_TIMEOUT_DEFAULT_MS = 10_000;
/** ICMP echo requests per run. */
export const PROBE_ICMP_COUNT_MAX = 20;
export const PROBE_ICMP_COUNT_DEFAULT = 3;
export const PROBE_TARGET_MAX_CHARS = 2048;
export const PROBE_HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'] as const;
export const PROBE_HTTP_MAX_HEADERS = 32;
export const PROBE_HTTP_HEADER_VALUE_MAX_CHARS = 4096;
export const PROBE_HTTP_BODY_MAX_CHARS = 64 * 1024;
export const PROBE_KEYWORD_MAX_CHARS = 256;
export const PROBE_MAX_REDIRECTS = 10;
/** Bytes of the response body read to look for the keyword; the rest is not downloaded. */
export const PROBE_HTTP_READ_MAX_BYTES = 1024 * 1024;
/** Header names a probe may set (RFC 9110 token). */
export const PROBE_HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
