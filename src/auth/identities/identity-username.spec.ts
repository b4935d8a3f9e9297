import { describe, expect, it } from '@jest/globals';
import { usernameSchema } from '@hivewatch/protocol';
import type { ExternalIdentity } from '../sso/sso-provider.js';
import { suggestedUsername, usernameCandidates } from './identity-username.js';

const identity = (over: Partial<ExternalIdentity>): ExternalIdentity => ({
  provider: 'oidc',
  subject: 'abc-123',
  email: null,
  emailVerified: false,
  preferredUsername: null,
  groups: null,
  authTime: null,
  amr: [],
  idToken: null,
  ...over,
});

describe('suggestedUsername', () => {
  it('prefers the preferred username, then the e-mail local part, then provider and subject', () => {
    expect(suggestedUsername(identity({ preferredUsername: 'octocat', email: 'o@x.io' }))).toBe('octocat');
    expect(suggestedUsername(identity({ email: 'jane.doe@example.com' }))).toBe('jane.doe');
    expect(suggestedUsername(identity({}))).toBe('oidc-abc-123');
  });

  it('always yields a valid username, with room for a suffix', () => {
    for (const name of ['Jöhn Dœ', '../..', '@@@', 'a'.repeat(200), 'ユーザー', ' spaced out ']) {
      const base = suggestedUsername(identity({ preferredUsername: name }));
      expect(usernameSchema.safeParse(base).success).toBe(true);
      for (const candidate of usernameCandidates(base)) {
        expect(usernameSchema.safeParse(candidate).success).toBe(true);
      }
    }
    expect(suggestedUsername(identity({ preferredUsername: 'Jöhn Dœ' }))).toBe('J-hn-D');
    expect(suggestedUsername(identity({ preferredUsername: '@@@' }))).toBe('oidc-user');
  });

  it('numbers candidates from 2', () => {
    expect([...usernameCandidates('bob', 4)]).toEqual(['bob', 'bob-2', 'bob-3', 'bob-4']);
  });
});
