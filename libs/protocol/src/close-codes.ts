/**
 * WebSocket close codes used by the hub. 1xxx are standard (RFC 6455), 4xxx are ours and mirror
 * HTTP statuses where one fits, so a log line is readable without this table.
 */
export const CloseCode = {
  /** Hub shutting down or restarting; reconnect with backoff. */
  GoingAway: 1001,
  /** A console stream whose browser stayed behind its bounded send queue for too long; reconnect. */
  PolicyViolation: 1008,
  /** Frame larger than {@link MAX_FRAME_BYTES}. */
  MessageTooBig: 1009,
  /** Unexpected hub-side failure on this connection. */
  InternalError: 1011,
  /** First frame was neither an envelope `authenticate` request nor a simple `auth` frame. */
  BadFirstFrame: 4400,
  /**
   * Credentials rejected, or a token was passed in the URL query string (never accepted there); also
   * a console or API-client stream whose session or token expired or was revoked while open.
   */
  AuthFailed: 4401,
  /** Server was deleted/disabled or its token rotated while connected; do not retry with the same token. */
  CredentialsRevoked: 4403,
  /** API-client stream for a server id that does not exist. */
  ServerNotFound: 4404,
  /** No successful authentication within {@link AUTH_DEADLINE_MS}. */
  AuthTimeout: 4408,
  /** Another connection authenticated for the same server; this older one is replaced. */
  Replaced: 4409,
  /** The agent announced a `protocol_version` the hub cannot speak. */
  UnsupportedProtocol: 4426,
  /** Too many failed authentication attempts from this address; retry later. */
  RateLimited: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
