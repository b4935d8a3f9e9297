/** Claims of an ID token merged with userinfo (the ID token wins where both have a claim). */
export type OidcClaims = Record<string, unknown>;

/**
 * The groups under `claim`: an array of strings, or a single string (some providers send one group
 * that way). A dotted name (`realm_access.roles`) walks nested objects when no top-level claim has
 * that name. Null when the claim is absent.
 */
export function groupsFrom(claims: OidcClaims, claim: string): string[] | null {
  const value = claim in claims ? claims[claim] : walk(claims, claim.split('.'));
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return null;
}

export function stringClaim(claims: OidcClaims, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** `email_verified` is a boolean by the spec; a few providers send the string "true". */
export function emailVerified(claims: OidcClaims): boolean {
  return claims.email_verified === true || claims.email_verified === 'true';
}

export function amrFrom(claims: OidcClaims): string[] {
  return Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
}

export function authTimeFrom(claims: OidcClaims): number | null {
  return typeof claims.auth_time === 'number' && Number.isFinite(claims.auth_time) ? claims.auth_time : null;
}

function walk(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
