/**
 * Whether a failed send is worth another attempt. A transient failure (the network, a timeout, an
 * overloaded or rate-limiting service) goes through the retry schedule; a permanent one (the service
 * rejected the request or the credentials, the URL is gone) would get the same answer on every
 * retry, so its delivery fails at once with the reason in the delivery log.
 */
export type FailureKind = 'transient' | 'permanent';

/** HTTP statuses that mean "try again later" although they are 4xx. */
const RETRYABLE_4XX = new Set([
  408, // Request Timeout
  425, // Too Early
  429, // Too Many Requests (with or without Retry-After)
]);

/**
 * The kind of a non-2xx HTTP answer, shared by every HTTP-based sender: 5xx and 408/425/429 are
 * transient; other 4xx are permanent; so are 1xx/3xx (redirects are not followed, so the same URL
 * gets the same redirect again).
 */
export function httpFailureKind(status: number): FailureKind {
  if (status >= 500 && status <= 599) return 'transient';
  return RETRYABLE_4XX.has(status) ? 'transient' : 'permanent';
}

/** The kind of an SMTP failure: a 5xx reply is permanent (RFC 5321 §4.2.1); 4xx or no reply, transient. */
export function smtpFailureKind(code: number | null): FailureKind {
  return code !== null && code >= 500 && code <= 599 ? 'permanent' : 'transient';
}

/**
 * The kind of a request that got no answer: transient (refused, reset, DNS, timeout) unless fetch
 * could not even build it (a malformed URL or header value, an unknown scheme): that is the channel's
 * configuration, which no retry changes.
 */
export function requestFailureKind(err: unknown): FailureKind {
  // By name, not `instanceof`: fetch's errors may come from another realm (vm contexts, workers).
  const e = err as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (typeof err !== 'object' || err === null || e.name !== 'TypeError') return 'transient';
  if (e.cause?.code === 'ERR_INVALID_URL' || e.cause?.message === 'unknown scheme') return 'permanent';
  // undici wraps network failures as "fetch failed"; any other TypeError is raised before sending.
  return e.message === 'fetch failed' ? 'transient' : 'permanent';
}
