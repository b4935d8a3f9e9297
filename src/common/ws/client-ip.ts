import type { IncomingMessage } from 'node:http';

/** The peer of a WebSocket handshake: the first `X-Forwarded-For` hop behind a trusted proxy, else the socket's. */
export function upgradeClientIp(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? null;
}
