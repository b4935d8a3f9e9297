import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { formatIssues, formatPath } from './format-issues.js';

const errorOf = (schema: z.ZodType, input: unknown): z.ZodError => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error;
};

describe('formatPath', () => {
  it('writes dotted keys, indexed elements and quoted odd keys', () => {
    expect(formatPath(['payload', 'diskUsage', 0, 'totalGB'])).toBe('payload.diskUsage[0].totalGB');
    expect(formatPath(['normalizedLoad', '1m'])).toBe('normalizedLoad["1m"]');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('formatIssues', () => {
  it('describes the common issue kinds', () => {
    const schema = z.object({
      kind: z.enum(['a', 'b']),
      lit: z.literal('x'),
      name: z.string().min(1),
      list: z.array(z.number()).max(1),
      ratio: z.number().gt(0),
      at: z.iso.datetime(),
    });
    const error = errorOf(schema, { kind: 'c', lit: 'y', name: '', list: [1, 2], ratio: 0, at: 'yesterday' });
    expect(formatIssues(error)).toBe(
      'kind: expected one of "a" | "b"; lit: expected "x"; name: must not be empty; ' +
        'list: must have at most 1 items; ratio: must be > 0; at: must be a valid datetime',
    );
  });

  it('prefixes paths and reports a root type error', () => {
    expect(formatIssues(errorOf(z.object({ a: z.string() }), null), 'payload')).toBe(
      'payload: expected object, received null',
    );
    expect(formatIssues(errorOf(z.number(), 'x'))).toBe('(root): expected number, received string');
  });

  it('reports the discriminator of a discriminated union', () => {
    const schema = z.discriminatedUnion('type', [
      z.object({ type: z.literal('a') }),
      z.object({ type: z.literal('b') }),
    ]);
    expect(formatIssues(errorOf(schema, { type: 'c' }))).toBe('type: expected one of "a" | "b"');
  });

  it('follows the union member that matched furthest', () => {
    const item = z.object({ name: z.string() });
    const schema = z.union([z.array(item), z.object({ items: z.array(item) })]);
    expect(formatIssues(errorOf(schema, { items: [{ name: 3 }] }), 'data')).toBe(
      'data.items[0].name: expected string, received number',
    );
  });

  it('lists at most ten problems', () => {
    const schema = z.array(z.string());
    const text = formatIssues(
      errorOf(
        schema,
        Array.from({ length: 12 }, (_, i) => i),
      ),
    );
    expect(text.split('; ')).toHaveLength(11);
    expect(text.endsWith('(and 2 more)')).toBe(true);
  });

  it('never echoes the offending value', () => {
    const schema = z.object({ token: z.string().regex(/^hw_/) });
    expect(formatIssues(errorOf(schema, { token: 'secret-value' }))).not.toContain('secret-value');
  });
});
