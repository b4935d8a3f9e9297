import type { z } from 'zod';

/**
 * Read-only view of zod 4 schema internals (`schema._zod.def`), enough to derive generators and to
 * list numeric ranges. Only the node kinds the protocol schemas use are named; anything else is
 * reported as 'other' so a new kind shows up in the generators instead of being skipped silently.
 */
export interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
}

export interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
}

export function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

export function checksOf(schema: z.ZodType): CheckDef[] {
  return (defOf(schema).checks ?? []).map((c) => c._zod.def);
}

/** Inclusive/exclusive bounds of a number schema; z.int() is bounded by the safe-integer range. */
export interface NumberRange {
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
  int: boolean;
}

export function numberRange(schema: z.ZodType): NumberRange {
  const def = defOf(schema);
  const int = def.format === 'safeint' || def.format === 'int32' || def.format === 'uint32';
  const range: NumberRange = {
    min: int ? Number.MIN_SAFE_INTEGER : -Infinity,
    max: int ? Number.MAX_SAFE_INTEGER : Infinity,
    minExclusive: false,
    maxExclusive: false,
    int,
  };
  for (const c of checksOf(schema)) {
    if (c.check === 'greater_than' && c.value !== undefined && c.value >= range.min) {
      range.min = c.value;
      range.minExclusive = c.inclusive === false;
    } else if (c.check === 'less_than' && c.value !== undefined && c.value <= range.max) {
      range.max = c.value;
      range.maxExclusive = c.inclusive === false;
    } else if (c.check === 'number_format' && c.format === 'safeint') range.int = true;
  }
  return range;
}

export interface LengthRange {
  min: number;
  max: number;
}

export function lengthRange(schema: z.ZodType): LengthRange {
  const range = { min: 0, max: Infinity };
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length' && c.minimum !== undefined) range.min = Math.max(range.min, c.minimum);
    if (c.check === 'max_length' && c.maximum !== undefined) range.max = Math.min(range.max, c.maximum);
    if (c.check === 'length_equals' && c.value !== undefined) range.min = range.max = c.value;
  }
  return range;
}

/** The string formats/patterns of a string schema (regex, datetime, uuid …). */
export function stringFormat(schema: z.ZodType): { format?: string; pattern?: RegExp } {
  const def = defOf(schema) as ZodDef & { pattern?: RegExp };
  if (def.format) return { format: def.format, pattern: def.pattern };
  const check = checksOf(schema).find((c) => c.check === 'string_format');
  return check ? { format: check.format, pattern: check.pattern } : {};
}

/** Every number node under `schema` with its path, e.g. `payload.diskUsage[].totalGB`. */
export function numberFields(schema: z.ZodType, path = ''): { path: string; range: NumberRange }[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'number':
      return [{ path: path || '(root)', range: numberRange(schema) }];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) =>
        numberFields(child, path ? `${path}.${key}` : key),
      );
    case 'array':
      return def.element ? numberFields(def.element, `${path}[]`) : [];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return def.innerType ? numberFields(def.innerType, path) : [];
    case 'union':
      return (def.options ?? []).flatMap((option) => numberFields(option, path));
    case 'pipe':
      return def.in ? numberFields(def.in, path) : [];
    default:
      return [];
  }
}
