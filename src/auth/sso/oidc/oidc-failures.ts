import type { SsoError } from '@hivewatch/protocol';
import * as client from 'openid-client';
import { SsoFailure } from '../sso-provider.js';

/** openid-client codes for an answer the provider could not give (bad status, not JSON). */
const UNREACHABLE_CODES = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/** jose codes for a key set that could not be fetched. */
const JWKS_UNREACHABLE_CODES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

/**
 * Turns what openid-client, jose or fetch threw into an SsoFailure. The detail names the error
 * class, its code and the OAuth `error` field only: never a token, a code or a response body.
 */
export function toSsoFailure(err: unknown, step: string): SsoFailure {
  if (err instanceof SsoFailure) return err;
  return new SsoFailure(codeOf(err), `${step}: ${describeError(err)}`);
}

function codeOf(err: unknown): SsoError {
  // the provider redirected back with `error=` (cancelled, login_required, access_denied, …)
  if (err instanceof client.AuthorizationResponseError) return 'refused';
  // the token endpoint refused (invalid_grant: reused code, wrong PKCE verifier, wrong redirect)
  if (err instanceof client.ResponseBodyError) return 'invalid-response';
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof client.ClientError) {
    return typeof code === 'string' && UNREACHABLE_CODES.has(code)
      ? 'provider-unreachable'
      : 'invalid-response';
  }
  if (typeof code === 'string' && code.startsWith('ERR_J')) {
    return JWKS_UNREACHABLE_CODES.has(code) ? 'provider-unreachable' : 'invalid-response';
  }
  // fetch failed (TypeError), timed out or was aborted (DOMException)
  if (err instanceof TypeError || (err instanceof Error && /Abort|Timeout/.test(err.name))) {
    return 'provider-unreachable';
  }
  return 'invalid-response';
}

/** The error's class, code, OAuth `error` and refused claim: safe to log. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const parts = [err.name];
  const { code, error } = err as { code?: unknown; error?: unknown };
  if (typeof code === 'string') parts.push(code);
  if (typeof error === 'string') parts.push(error);
  const claim = claimOf(err) ?? claimOf((err as { cause?: unknown }).cause);
  if (claim) parts.push(`claim ${claim}`);
  return parts.join(' ');
}

/** Which JWT claim a check refused (openid-client wraps oauth4webapi's error, which names it). */
function claimOf(err: unknown): string | null {
  const claim = ((err as { cause?: unknown } | null)?.cause as { claim?: unknown } | undefined)?.claim;
  return typeof claim === 'string' ? claim : null;
}
