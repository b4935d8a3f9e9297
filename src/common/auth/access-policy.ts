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

/** `admin` and `ops` scopes carry the user's full rights; `ops` also passes step-up actions. */
export function hasAdminScope(principal: Pick<Principal, 'scope'>): boolean {
  return principal.scope === 'admin' || principal.scope === 'ops';
}

/**
 * The authorization decision table (see access.decorator.ts): public passes; otherwise a principal
 * is required; a `read` scope never mutates; `admin` needs both the admin role and an admin (or
 * `ops`) scope. Step-up actions are decided on top of this by the step-up guard.
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
  if (level === 'admin' && !(principal.role === 'admin' && hasAdminScope(principal))) return 'forbidden';
  if (level === 'session' && principal.via !== 'session') return 'forbidden';
  return 'allow';
}

export type StepUpDecision = 'allow' | 'step-up-required' | 'ops-scope-required' | 'access-token-refused';

/**
 * Step-up actions (see step-up.decorator.ts), decided after {@link decideAccess} allowed the call:
 * a session needs a fresh proof of identity; an API key needs the `ops` scope, whatever its user's
 * role (no exemption for automation); an access token never passes (it cannot prove anything fresh).
 */
export function decideStepUp(
  principal: Pick<Principal, 'via' | 'scope'>,
  sessionIsFresh: boolean,
): StepUpDecision {
  switch (principal.via) {
    case 'session':
      return sessionIsFresh ? 'allow' : 'step-up-required';
    case 'api-key':
      return principal.scope === 'ops' ? 'allow' : 'ops-scope-required';
    case 'access-token':
      return 'access-token-refused';
  }
}
