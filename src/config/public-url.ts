/** Only what a Host header may legitimately hold: the value ends up in commands and scripts. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Characters a hub URL may hold once it is written into a shell script or a pasted command. */
const SAFE_URL = /^https?:\/\/[A-Za-z0-9.:[\]_~%/-]+$/;

/**
 * The hub's address as hosts reach it (`http(s)://host[/path]`, no trailing slash): the configured
 * public URL when there is one (the hub may sit behind a proxy that rewrites Host), else the scheme
 * and Host of the request the admin made; a Host that is not a host name becomes `localhost`.
 * Throws when the configured URL holds characters a shell would interpret.
 */
export function hubPublicUrl(
  publicUrl: string | undefined,
  request: { protocol: string; host: string | undefined },
): string {
  if (publicUrl) {
    const url = new URL(publicUrl);
    const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
    if (!SAFE_URL.test(base))
      throw new Error('HIVEWATCH_PUBLIC_URL holds characters unsafe in a shell command');
    return base;
  }
  const host = request.host && SAFE_HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol === 'https' ? 'https' : 'http'}://${host}`;
}
