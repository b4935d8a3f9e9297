import { describe, expect, it } from '@jest/globals';
import { withParam } from './sso-callback.service.js';

describe('withParam', () => {
  it('adds the error code to a console path, keeping its query and fragment', () => {
    expect(withParam('/account/security', 'ssoError', 'already-linked')).toBe(
      '/account/security?ssoError=already-linked',
    );
    expect(withParam('/servers?tab=services#x', 'ssoError', 'expired')).toBe(
      '/servers?tab=services&ssoError=expired#x',
    );
  });
});
