import { describe, expect, it } from '@jest/globals';
import { VerifiedTokenCache } from './verified-token-cache.js';

const entry = (serverId: string, tokenRotatedAt = 1) => ({ serverId, tokenRotatedAt });

describe('VerifiedTokenCache', () => {
  it('returns what was stored', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('k1', entry('s1'));
    expect(cache.get('k1')).toEqual(entry('s1'));
    expect(cache.get('k2')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new VerifiedTokenCache(3);
    cache.set('k1', entry('s1'));
    cache.set('k2', entry('s2'));
    cache.set('k3', entry('s3'));
    cache.get('k1'); // k2 is now the least recently used
    cache.set('k4', entry('s4'));
    expect(cache.size).toBe(3);
    expect(cache.get('k2')).toBeUndefined();
    expect(cache.get('k1')).toBeDefined();
    expect(cache.get('k3')).toBeDefined();
    expect(cache.get('k4')).toBeDefined();
  });

  it('stays bounded under many insertions', () => {
    const cache = new VerifiedTokenCache(100);
    for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, entry(`s${i}`));
    expect(cache.size).toBe(100);
    expect(cache.get('k9999')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('forgets a server on deleteServer', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('k1', entry('s1'));
    cache.set('k2', entry('s2'));
    cache.deleteServer('s1');
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k2')).toBeDefined();
    cache.deleteServer('unknown');
    expect(cache.size).toBe(1);
  });

  it('keeps one token per server: a new token replaces the old one', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('old', entry('s1', 1));
    cache.set('new', entry('s1', 2));
    expect(cache.get('old')).toBeUndefined();
    expect(cache.get('new')).toEqual(entry('s1', 2));
    cache.deleteServer('s1');
    expect(cache.size).toBe(0);
  });

  it('does not let an evicted entry take its server index with it wrongly', () => {
    const cache = new VerifiedTokenCache(1);
    cache.set('k1', entry('s1'));
    cache.set('k2', entry('s2')); // evicts k1
    cache.deleteServer('s1'); // nothing left for s1
    expect(cache.get('k2')).toEqual(entry('s2'));
  });

  it('refuses a capacity below one', () => {
    expect(() => new VerifiedTokenCache(0)).toThrow();
  });
});
