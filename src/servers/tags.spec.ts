import { describe, expect, it } from '@jest/globals';
import { normalizeTag, normalizeTags, tagListSchema, tagSchema } from './tags.js';

describe('tag normalization', () => {
  it('trims and lower-cases', () => {
    expect(normalizeTag('  Env:Prod ')).toBe('env:prod');
    expect(normalizeTag('DB-01.eu_west')).toBe('db-01.eu_west');
  });

  it.each(['', ' ', '-leading', '.dot', 'has space', 'émoji', 'a/b', 'x'.repeat(65)])('rejects %j', (raw) => {
    expect(normalizeTag(raw)).toBeNull();
  });

  it('accepts 64 characters', () => {
    expect(normalizeTag('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it('de-duplicates after normalizing, keeping first-seen order', () => {
    expect(normalizeTags(['Web', 'db', 'WEB', ' db '])).toEqual(['web', 'db']);
    expect(() => normalizeTags(['ok', 'not ok'])).toThrow(/invalid tag/);
  });

  it('the request schemas normalize and report bad tags', () => {
    expect(tagSchema.parse(' Prod ')).toBe('prod');
    expect(tagListSchema.parse(['A', 'a', 'b'])).toEqual(['a', 'b']);
    const bad = tagListSchema.safeParse(['fine', '!bad']);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual([1]);
    expect(tagListSchema.safeParse(Array.from({ length: 51 }, (_, i) => `t${i}`)).success).toBe(false);
  });
});
