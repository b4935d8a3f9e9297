import { describe, expect, it } from '@jest/globals';
import { decideAccess, type AccessDecision } from './access-policy.js';
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
  ];

  it.each(rows)('%s %s as %o → %s', (level, method, principal, expected) => {
    expect(decideAccess(level, method, principal)).toBe(expected);
  });
});
