/**
 * What a call to the hub can fail with. Every failure is one of these three classes, so a caller
 * (the `hivewatch` command line, a script) can tell "the hub said no" from "the hub was not reached"
 * from "the hub answered something this client does not understand".
 */

/** A short, stable name for an HTTP error status, for scripts that branch on it. */
export type HivewatchErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'bad_gateway'
  | 'gateway_timeout'
  | 'unavailable'
  | 'server_error'
  | 'http_error';

const CODES: Readonly<Record<number, HivewatchErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  502: 'bad_gateway',
  503: 'unavailable',
  504: 'gateway_timeout',
};

export function errorCodeOf(status: number): HivewatchErrorCode {
  return CODES[status] ?? (status >= 500 ? 'server_error' : 'http_error');
}

/** The hub answered with an error status (its body: `{statusCode, error, message, requestId}`). */
export class HivewatchApiError extends Error {
  override readonly name = 'HivewatchApiError';
  readonly code: HivewatchErrorCode;

  constructor(
    readonly status: number,
    message: string,
    /** The id the hub logged this request under (quote it when reporting a problem). */
    readonly requestId: string,
    /** Every message of a validation error (400), one per offending field. */
    readonly details: readonly string[] = [],
    /** Seconds to wait before retrying, from `Retry-After` (429). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.code = errorCodeOf(status);
  }
}

/** The hub was not reached: refused connection, unknown host, TLS failure or timeout. */
export class HivewatchConnectionError extends Error {
  override readonly name = 'HivewatchConnectionError';

  constructor(
    message: string,
    readonly url: string,
    readonly requestId: string,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The hub answered 2xx with a body that does not follow the contract (a proxy page, another version). */
export class HivewatchResponseError extends Error {
  override readonly name = 'HivewatchResponseError';

  constructor(
    message: string,
    readonly url: string,
    readonly requestId: string,
    readonly issues: readonly string[],
  ) {
    super(message);
  }
}

export type HivewatchError = HivewatchApiError | HivewatchConnectionError | HivewatchResponseError;

export function isHivewatchError(err: unknown): err is HivewatchError {
  return (
    err instanceof HivewatchApiError ||
    err instanceof HivewatchConnectionError ||
    err instanceof HivewatchResponseError
  );
}
