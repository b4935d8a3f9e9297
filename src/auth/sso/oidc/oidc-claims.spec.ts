import { describe, expect, it } from '@jest/globals';
import { amrFrom, authTimeFrom, emailVerified, groupsFrom } from './oidc-claims.js';

describe('OpenID Connect claims', () => {
  it('reads groups from an array, a single string, or a nested claim (realm_access.roles)', () => {
    expect(groupsFrom({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsFrom({ groups: 'admins' }, 'groups')).toEqual(['admins']);
    expect(groupsFrom({ realm_access: { roles: ['ops'] } }, 'realm_access.roles')).toEqual(['ops']);
    expect(groupsFrom({ 'a.b': ['top'], a: { b: ['nested'] } }, 'a.b')).toEqual(['top']);
    expect(groupsFrom({}, 'groups')).toBeNull();
    expect(groupsFrom({ groups: { admins: true } }, 'groups')).toBeNull();
  });

  it('only counts an e-mail as verified when the provider says true', () => {
    expect(emailVerified({ email_verified: true })).toBe(true);
    expect(emailVerified({ email_verified: 'true' })).toBe(true);
    expect(emailVerified({ email_verified: 'false' })).toBe(false);
    expect(emailVerified({})).toBe(false);
  });

  it('keeps only well-formed amr and auth_time', () => {
    expect(amrFrom({ amr: ['pwd', 7, 'otp'] })).toEqual(['pwd', 'otp']);
    expect(amrFrom({ amr: 'pwd' })).toEqual([]);
    expect(authTimeFrom({ auth_time: 1700000000 })).toBe(1700000000);
    expect(authTimeFrom({ auth_time: '1700000000' })).toBeNull();
  });
});
