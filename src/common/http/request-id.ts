import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

type WithId = IncomingMessage & { id?: string };

/** The caller's `X-Request-Id` when it is a plain token, else a fresh UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const existing = (req as WithId).id;
  if (existing !== undefined) return existing;
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * First middleware of all: every request has its id before the body is parsed, so an error that the
 * body parser raises (413, malformed JSON) carries the same `requestId` as any other.
 */
export function assignRequestId(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
  (req as WithId).id = requestIdOf(req);
  next();
}
