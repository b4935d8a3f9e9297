import { describe, expect, it } from '@jest/globals';
import { mergeSecrets } from './secret-merge.js';

describe('mergeSecrets', () => {
  it('keeps absent keys and replaces given ones', () => {
    expect(mergeSecrets('email', { password: 'old' }, {})).toEqual({ password: 'old' });
    expect(mergeSecrets('telegram', { botToken: 'old' }, { botToken: 'new' })).toEqual({ botToken: 'new' });
  });

  it('merges webhook headers by name: kept, replaced, added, removed with null', () => {
    const stored = { headers: { Authorization: 'Bearer a', 'X-Keep': 'k', 'X-Drop': 'd' } };
    const patch = { headers: { Authorization: 'Bearer b', 'X-New': 'n', 'X-Drop': null } };
    expect(mergeSecrets('webhook', stored, patch)).toEqual({
      headers: { Authorization: 'Bearer b', 'X-Keep': 'k', 'X-New': 'n' },
    });
  });

  it('leaves webhook headers alone when the patch has none', () => {
    expect(mergeSecrets('webhook', { headers: { A: '1' } }, {})).toEqual({ headers: { A: '1' } });
  });
});
