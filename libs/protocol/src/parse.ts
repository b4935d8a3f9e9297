import type { z } from 'zod';
import { formatIssues } from './format-issues.js';

/** Result of a parse helper: the typed value, or one readable line naming every bad field. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Validates `input` against `schema`. `prefix` names where the value sits in its frame
 * (e.g. `"payload"`), so errors read `payload.pid: …` even when only the payload is parsed.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix?: string,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: formatIssues(result.error, prefix) };
}

/** Like {@link parseWith} for raw frame text: malformed JSON is an error result, never a throw. */
export function parseJsonWith<S extends z.ZodType>(schema: S, text: string): ParseResult<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return parseWith(schema, value);
}
