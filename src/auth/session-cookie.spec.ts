import { describe, expect, it } from '@jest/globals';
import { sessionCookieOptions } from './session-cookie.js';

describe('sessionCookieOptions', () => {
  const base = { httpOnly: true, sameSite: 'lax', path: '/' };

  it.each([
    ['auto', undefined, false, false],
    ['auto', 'http://hub.example', false, false],
    ['auto', 'https://hub.example', false, true],
    ['auto', undefined, true, true],
    ['always', undefined, false, true],
    ['never', 'https://hub.example', true, false],
  ] as const)(
    'secureCookies=%s publicUrl=%s secureRequest=%s → Secure=%s',
    (mode, publicUrl, secureReq, secure) => {
      expect(sessionCookieOptions({ secureCookies: mode, publicUrl }, secureReq)).toEqual({
        ...base,
        secure,
      });
    },
  );
});
