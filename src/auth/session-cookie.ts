import type { CookieOptions } from 'express';
import type { AppConfig } from '../config/app-config.js';

export const SESSION_COOKIE = 'hw_session';
/** After an SSO sign-in that needs the local second factor: the challenge, never in a URL. */
export const CHALLENGE_COOKIE = 'hw_challenge';
export const CHALLENGE_COOKIE_PATH = '/api/v1/auth';

/**
 * Flags of the session cookie: never readable by scripts, not sent on cross-site sub-requests,
 * and Secure when the hub is known to sit behind TLS (forced by config, an https public URL, or
 * a request that arrived over TLS). No Expires: the server enforces the sliding lifetime.
 */
export function sessionCookieOptions(
  config: Pick<AppConfig, 'secureCookies' | 'publicUrl'>,
  requestIsSecure: boolean,
): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: isSecureCookie(config, requestIsSecure) };
}

function isSecureCookie(
  config: Pick<AppConfig, 'secureCookies' | 'publicUrl'>,
  requestIsSecure: boolean,
): boolean {
  switch (config.secureCookies) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'auto':
      return (config.publicUrl?.startsWith('https://') ?? false) || requestIsSecure;
  }
}
