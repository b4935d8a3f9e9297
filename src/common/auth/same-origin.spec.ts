import { describe, expect, it } from '@jest/globals';
import { isCrossOriginRequest } from './same-origin.js';

describe('isCrossOriginRequest', () => {
  const host = 'hub.local:8080';

  it('passes non-browser requests that carry neither header', () => {
    expect(isCrossOriginRequest({ host })).toBe(false);
  });

  it('follows Sec-Fetch-Site: same-origin and none pass, same-site and cross-site do not', () => {
    expect(isCrossOriginRequest({ host, 'sec-fetch-site': 'same-origin' })).toBe(false);
    expect(isCrossOriginRequest({ host, 'sec-fetch-site': 'none' })).toBe(false);
    expect(isCrossOriginRequest({ host, 'sec-fetch-site': 'same-site' })).toBe(true);
    expect(isCrossOriginRequest({ host, 'sec-fetch-site': 'cross-site' })).toBe(true);
  });

  it("compares the Origin's host with Host, case-insensitively and port included", () => {
    expect(isCrossOriginRequest({ host, origin: 'http://HUB.local:8080' })).toBe(false);
    expect(isCrossOriginRequest({ host, origin: 'http://hub.local:9090' })).toBe(true);
    expect(isCrossOriginRequest({ host, origin: 'https://evil.example' })).toBe(true);
    expect(isCrossOriginRequest({ host, origin: 'null' })).toBe(true);
  });

  it('accepts the public URL host behind a proxy that rewrites Host', () => {
    expect(
      isCrossOriginRequest({ host: '127.0.0.1:8080', origin: 'https://hub.example.com' }, [
        'hub.example.com',
      ]),
    ).toBe(false);
  });

  it('refuses a same-origin Sec-Fetch-Site paired with a foreign Origin', () => {
    expect(
      isCrossOriginRequest({ host, 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }),
    ).toBe(true);
  });
});
