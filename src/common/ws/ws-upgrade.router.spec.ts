import { describe, expect, it } from '@jest/globals';
import { pathMatcher, upgradePathname, UpgradeRefused } from './ws-upgrade.router.js';

describe('pathMatcher', () => {
  it('matches exact paths, with or without a trailing slash', () => {
    const m = pathMatcher('/api/v1/agents/ws');
    expect(m('/api/v1/agents/ws')).toEqual({});
    expect(m('/api/v1/agents/ws/')).toEqual({});
    expect(m('/api/v1/agents/wsx')).toBeNull();
  });

  it('extracts named segments and refuses empty ones', () => {
    const m = pathMatcher('/api/v1/ws/metrics/:serverId');
    expect(m('/api/v1/ws/metrics/abc')).toEqual({ serverId: 'abc' });
    expect(m('/api/v1/ws/metrics/')).toBeNull();
    expect(m('/api/v1/ws/metrics/a/b')).toBeNull();
  });
});

describe('malformed request targets', () => {
  it('a truncated percent escape in a parameter is a 400, not an exception', () => {
    const m = pathMatcher('/api/v1/ws/metrics/:serverId');
    expect(() => m('/api/v1/ws/metrics/%E0%A4%A')).toThrow(UpgradeRefused);
    expect(() => m('/api/v1/ws/metrics/%E0%A4%A')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('targets no URL parser accepts are a 400', () => {
    for (const target of ['//[', '//', '*', 'http://[', undefined]) {
      expect(() => upgradePathname(target)).toThrow(expect.objectContaining({ status: 400 }));
    }
    expect(upgradePathname('/api/v1/ws?x=%')).toBe('/api/v1/ws');
  });
});
