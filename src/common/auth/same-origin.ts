/** The request headers the cross-origin check reads (lower-case names, as Node gives them). */
export interface OriginHeaders {
  'sec-fetch-site'?: string | string[] | undefined;
  origin?: string | string[] | undefined;
  host?: string | string[] | undefined;
}

/**
 * Cross-site request forgery check in the spirit of Go's net/http CrossOriginProtection, applied
 * to mutating requests a browser may send with cookies: a `Sec-Fetch-Site` other than
 * `same-origin`/`none` is cross-origin, and so is an `Origin` whose host is neither the request's
 * `Host` nor one of `trustedHosts` (the public URL's host). Requests with neither header come from
 * non-browser clients and pass.
 */
export function isCrossOriginRequest(headers: OriginHeaders, trustedHosts: readonly string[] = []): boolean {
  const site = single(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = single(headers.origin);
  if (origin === undefined) return false;
  const originHost = hostOf(origin);
  if (originHost === null) return true;
  const allowed = [single(headers.host), ...trustedHosts]
    .filter((h): h is string => h !== undefined && h !== '')
    .map((h) => h.toLowerCase());
  return !allowed.includes(originHost);
}

/** The `host[:port]` of a URL, lower-cased; null for `null` origins and garbage. */
export function hostOf(url: string): string | null {
  try {
    const host = new URL(url).host.toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
