import { describe, expect, it } from '@jest/globals';
import { decideAccess, decideStepUp, type AccessDecision, type StepUpDecision } from './access-policy.js';
import type { AccessLevel } from './access.decorator.js';
import type { Principal } from './principal.js';

const p = (role: Principal['role'], scope: Principal['scope']): Principal => ({
  via: 'api-key',
  userId: 'u',
  username: 'u',
  role,
  scope,
});
const admin = p('admin', 'admin');
const user = p('user', 'admin');
const readKey = p('admin', 'read');
const userReadKey = p('user', 'read');
const opsKey = p('admin', 'ops');
const userOpsKey = p('user', 'ops');

describe('decideAccess: the authorization decision table', () => {
  const rows: [AccessLevel | undefined, string, Principal | null, AccessDecision][] = [
    // public: anyone, any method
    ['public', 'POST', null, 'allow'],
    ['public', 'GET', null, 'allow'],
    // default: GET/HEAD need a principal, other methods need an admin
    [undefined, 'GET', null, 'unauthenticated'],
    [undefined, 'GET', user, 'allow'],
    [undefined, 'HEAD', readKey, 'allow'],
    [undefined, 'POST', null, 'unauthenticated'],
    [undefined, 'POST', user, 'forbidden'],
    [undefined, 'DELETE', readKey, 'forbidden'],
    [undefined, 'PATCH', admin, 'allow'],
    [undefined, 'OPTIONS', user, 'forbidden'],
    // authenticated: any principal; a read scope never mutates
    ['authenticated', 'POST', null, 'unauthenticated'],
    ['authenticated', 'POST', user, 'allow'],
    ['authenticated', 'POST', readKey, 'forbidden'],
    ['authenticated', 'GET', userReadKey, 'allow'],
    // admin: admin role with an admin scope, for reads too
    ['admin', 'GET', null, 'unauthenticated'],
    ['admin', 'GET', user, 'forbidden'],
    ['admin', 'GET', readKey, 'forbidden'],
    ['admin', 'GET', admin, 'allow'],
    ['admin', 'DELETE', admin, 'allow'],
    ['admin', 'DELETE', user, 'forbidden'],
    // ops: an admin key's rights (bounded by the user's role), never read-only
    ['admin', 'POST', opsKey, 'allow'],
    ['admin', 'GET', opsKey, 'allow'],
    ['admin', 'POST', userOpsKey, 'forbidden'],
    ['authenticated', 'POST', userOpsKey, 'allow'],
    [undefined, 'DELETE', opsKey, 'allow'],
    // session: console sessions only
    ['session', 'POST', { ...user, via: 'session' }, 'allow'],
    ['session', 'POST', admin, 'forbidden'],
    ['session', 'GET', opsKey, 'forbidden'],
    ['session', 'GET', null, 'unauthenticated'],
  ];

  it.each(rows)('%s %s as %o → %s', (level, method, principal, expected) => {
    expect(decideAccess(level, method, principal)).toBe(expected);
  });
});

describe('decideStepUp: who may perform a step-up action', () => {
  const session = (fresh: boolean) => [{ via: 'session', scope: 'admin' } as const, fresh] as const;
  const rows: [Pick<Principal, 'via' | 'scope'>, boolean, StepUpDecision][] = [
    [...session(true), 'allow'],
    [...session(false), 'step-up-required'],
    [{ via: 'api-key', scope: 'admin' }, false, 'ops-scope-required'],
    [{ via: 'api-key', scope: 'read' }, false, 'ops-scope-required'],
    [{ via: 'api-key', scope: 'ops' }, false, 'allow'],
    [{ via: 'access-token', scope: 'admin' }, true, 'access-token-refused'],
    [{ via: 'access-token', scope: 'ops' }, true, 'access-token-refused'],
  ];

  it.each(rows)('%o (fresh: %s) → %s', (principal, fresh, expected) => {
    expect(decideStepUp(principal, fresh)).toBe(expected);
  });
});
