import { z } from 'zod';

export const TAG_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
export const MAX_TAGS_PER_SERVER = 50;

/** Trims and lower-cases a tag; null when the result is not a valid tag. */
export function normalizeTag(raw: string): string | null {
  const tag = raw.trim().toLowerCase();
  return TAG_PATTERN.test(tag) ? tag : null;
}

/** Normalized, de-duplicated tags in first-seen order; throws on an invalid one. */
export function normalizeTags(raw: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of raw) {
    const tag = normalizeTag(r);
    if (tag === null) throw new Error(`invalid tag: ${JSON.stringify(r)}`);
    out.add(tag);
  }
  return [...out];
}

export const tagSchema = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const tag = normalizeTag(v);
    if (tag === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          'tag must be 1-64 characters of a-z, 0-9, ".", "_", ":" or "-", starting with a letter or digit',
      });
      return z.NEVER;
    }
    return tag;
  })
  .meta({
    type: 'string',
    description: `trimmed and lower-cased, then must match ${TAG_PATTERN.source}`,
    example: 'env:prod',
  });

export const tagListSchema = z
  .array(tagSchema)
  .max(MAX_TAGS_PER_SERVER)
  .transform((tags) => [...new Set(tags)]);
