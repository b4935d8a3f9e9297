import { hostOf } from '../common/auth/same-origin.js';

/**
 * Cross-site WebSocket hijacking guard of the console stream: browsers always send `Origin` on a
 * WebSocket handshake and cookies ride along whatever the page, so the Origin must be present and
 * be the console's own — `publicUrl` when configured (scheme and host), else the request's `Host`.
 */
export function isConsoleOrigin(
  headers: { origin?: string | string[] | undefined; host?: string | string[] | undefined },
  publicUrl: string | undefined,
): boolean {
  const origin = single(headers.origin);
  if (origin === undefined) return false;
  const originHost = hostOf(origin);
  if (originHost === null) return false;
  if (publicUrl !== undefined) {
    return originHost === hostOf(publicUrl) && protocolOf(origin) === protocolOf(publicUrl);
  }
  const host = single(headers.host)?.toLowerCase();
  return host !== undefined && host !== '' && originHost === host;
}

/** The value of one cookie from a `Cookie` header, URL-decoded; undefined when absent or empty. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function protocolOf(url: string): string | null {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
