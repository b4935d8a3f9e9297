import { describe, expect, it } from '@jest/globals';
import { pathMatcher } from './ws-upgrade.router.js';

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
