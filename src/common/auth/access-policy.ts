import type { AccessLevel } from './access.decorator.js';
import type { Principal } from './principal.js';

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** GET and HEAD read; every other method mutates. */
export function isMutatingMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The level of a route without an explicit `@Access`: reads need a principal, writes need an admin. */
export function effectiveAccessLevel(declared: AccessLevel | undefined, method: string): AccessLevel {
  return declared ?? (isMutatingMethod(method) ? 'admin' : 'authenticated');
}

/**
 * The authorization decision table (see access.decorator.ts): public passes; otherwise a principal
 * is required; a `read` scope never mutates; `admin` needs both the admin role and an admin scope.
 */
export function decideAccess(
  declared: AccessLevel | undefined,
  method: string,
  principal: Principal | null | undefined,
): AccessDecision {
  const level = effectiveAccessLevel(declared, method);
  if (level === 'public') return 'allow';
  if (!principal) return 'unauthenticated';
  if (isMutatingMethod(method) && principal.scope === 'read') return 'forbidden';
  if (level === 'admin' && !(principal.role === 'admin' && principal.scope === 'admin')) return 'forbidden';
  return 'allow';
}
