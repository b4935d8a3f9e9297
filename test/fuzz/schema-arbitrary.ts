import fc from 'fast-check';
import type { z } from 'zod';
import { fromJson, JsonObject, RawNumber, type JsonTree } from './json-text.js';
import { defOf, lengthRange, numberRange, stringFormat, type NumberRange } from './zod-walk.js';

/**
 * fast-check arbitraries derived from a zod 4 schema by walking it. `valid` values satisfy the schema
 * (within the bounds it states); `hostile` ones are the same structure with, at each node, a small
 * chance of a hostile replacement: boundary and just-outside numbers, numbers that overflow to
 * ±Infinity when parsed (`1e400`), huge and empty arrays, long and odd strings, wrong types, missing,
 * extra (`__proto__`), reordered and duplicated keys.
 */
export type Mode = 'valid' | 'hostile';

/** Odds of a hostile replacement at one node: 1 in (HOSTILE_ODDS + 1). */
const HOSTILE_ODDS = 24;
/** Valid generation of an unbounded number stays below this (hostile values go far beyond). */
const PLAIN_MAX = 1e6;

const ABSENT = Symbol('absent');
type Maybe = JsonTree | typeof ABSENT;

const wrongTypes: fc.Arbitrary<JsonTree> = fc.constantFrom<JsonTree>(
  null,
  true,
  false,
  '',
  '0',
  'NaN',
  'Infinity',
  0,
  -1,
  [],
  [null],
  new JsonObject([]),
  new JsonObject([['__proto__', new JsonObject([['polluted', true]])]]),
);

/** Strings an agent should never be trusted with. */
const hostileStrings: fc.Arbitrary<JsonTree> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\u202e\u0645',
    '😀'.repeat(64),
    '../../../../etc/passwd',
    '<script>alert(1)</script>',
    '%s%n%x%E0%A4%A',
    "'; DROP TABLE servers; --",
    'line\nbreak\r\n\t',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom(256, 4096, 65_536, 300_000).map((n) => 'A'.repeat(n)),
);

export function schemaArbitrary(schema: z.ZodType, mode: Mode): fc.Arbitrary<JsonTree> {
  const arb = presentArbitrary(schema, mode);
  return arb.map((v) => (v === ABSENT ? null : v));
}

function presentArbitrary(schema: z.ZodType, mode: Mode): fc.Arbitrary<Maybe> {
  const structural = structuralArbitrary(schema, mode);
  if (mode === 'valid') return structural;
  return fc.oneof(
    { weight: HOSTILE_ODDS, arbitrary: structural },
    { weight: 1, arbitrary: hostileArbitrary(schema) },
  );
}

function structuralArbitrary(schema: z.ZodType, mode: Mode): fc.Arbitrary<Maybe> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return objectArbitrary(def.shape ?? {}, def.catchall !== undefined, mode);
    case 'array': {
      const { min, max } = lengthRange(schema);
      return fc
        .array(presentArbitrary(def.element!, mode), {
          minLength: min,
          maxLength: Math.max(min, Math.min(max, 4)),
        })
        .map((items) => items.map((v) => (v === ABSENT ? null : v)));
    }
    case 'number':
      return validNumber(numberRange(schema));
    case 'string':
      return validString(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values as JsonTree[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'optional':
      return fc.oneof(fc.constant<Maybe>(ABSENT), presentArbitrary(def.innerType!, mode));
    case 'nullable':
      return fc.oneof(fc.constant<Maybe>(null), presentArbitrary(def.innerType!, mode));
    case 'default':
    case 'readonly':
    case 'catch':
      return presentArbitrary(def.innerType!, mode);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => presentArbitrary(o, mode)));
    case 'pipe':
      return presentArbitrary(def.in!, mode);
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 }).map(fromJson);
    default:
      throw new Error(`schema-arbitrary: no generator for zod type '${def.type}'`);
  }
}

function objectArbitrary(shape: Record<string, z.ZodType>, loose: boolean, mode: Mode): fc.Arbitrary<Maybe> {
  const keys = Object.keys(shape);
  const fields = fc.tuple(...keys.map((k) => presentArbitrary(shape[k]!, mode)));
  const extras =
    mode === 'hostile' || loose
      ? fc.array(
          fc.tuple(
            fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')),
            fc.jsonValue({ maxDepth: 1 }).map(fromJson),
          ),
          { maxLength: 2 },
        )
      : fc.constant([] as [string, JsonTree][]);
  return fc.tuple(fields, extras, fc.boolean()).chain(([values, extra, shuffle]) => {
    const entries: (readonly [string, JsonTree])[] = [];
    keys.forEach((k, i) => {
      const v = values[i];
      if (v !== ABSENT && v !== undefined) entries.push([k, v]);
    });
    entries.push(...extra);
    if (!shuffle || entries.length < 2) return fc.constant<Maybe>(new JsonObject(entries));
    return fc
      .shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })
      .map((reordered) => new JsonObject(reordered));
  });
}

function validNumber(r: NumberRange): fc.Arbitrary<Maybe> {
  const lo = Number.isFinite(r.min) ? r.min : -PLAIN_MAX;
  const hi = Number.isFinite(r.max) ? r.max : Math.max(lo + PLAIN_MAX, PLAIN_MAX);
  const inRange = (n: number) =>
    (r.minExclusive ? n > r.min : n >= r.min) && (r.maxExclusive ? n < r.max : n <= r.max);
  const edges = [r.min, r.max, 0, 1].filter((n) => Number.isFinite(n) && inRange(n));
  const body = r.int
    ? fc.integer({ min: Math.max(lo, -2_147_483_648), max: Math.min(hi, 2_147_483_647) })
    : fc.double({ min: lo, max: Math.min(hi, 1e12), noNaN: true, noDefaultInfinity: true });
  const arbs: fc.Arbitrary<number>[] = [body.filter(inRange)];
  if (edges.length > 0) arbs.push(fc.constantFrom(...edges));
  return fc.oneof(...arbs).map((n) => (Object.is(n, -0) ? 0 : n));
}

function validString(schema: z.ZodType): fc.Arbitrary<Maybe> {
  const { min, max } = lengthRange(schema);
  const { format, pattern } = stringFormat(schema);
  if (format === 'datetime')
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  if (format === 'uuid' || format === 'guid') return fc.uuid();
  if (format === 'url') return fc.webUrl({ validSchemes: ['https'] });
  if (format === 'base64') return fc.base64String({ maxLength: 64 });
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= max);
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 24)) });
}

/** The hostile replacement of one node, chosen by what the node is. */
function hostileArbitrary(schema: z.ZodType): fc.Arbitrary<Maybe> {
  const def = defOf(schema);
  switch (def.type) {
    case 'number':
      return fc.oneof(hostileNumber(numberRange(schema)), wrongTypes);
    case 'string':
      return fc.oneof(
        hostileStrings,
        wrongTypes,
        fc.double().map((n) => (Number.isFinite(n) ? n : 0)),
      );
    case 'array':
      return fc.oneof(hugeArray(def.element!), wrongTypes, fc.constant<Maybe>([[[[[]]]]]));
    case 'object':
      return fc.oneof(wrongTypes, missingField(def.shape ?? {}));
    case 'literal':
    case 'enum':
      return fc.oneof(hostileStrings, wrongTypes, fc.constantFrom('METRICS', 'metrics ', 'event\u0000'));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
      return hostileArbitrary(def.innerType!);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => hostileArbitrary(o)));
    case 'pipe':
      return hostileArbitrary(def.in!);
    default:
      return wrongTypes;
  }
}

function hostileNumber(r: NumberRange): fc.Arbitrary<Maybe> {
  const around = [r.min, r.max]
    .filter(Number.isFinite)
    .flatMap((n) => [
      n,
      n - 1,
      n + 1,
      n - Math.max(Math.abs(n) * 1e-9, 1e-9),
      n + Math.max(Math.abs(n) * 1e-9, 1e-9),
    ]);
  const numbers: JsonTree[] = [
    ...around,
    0,
    -1,
    0.5,
    1.5,
    100.0001,
    1e300,
    -1e300,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER - 2,
    2 ** 31,
    2 ** 32,
    1e20,
    new RawNumber('-0'),
    new RawNumber('1e400'),
    new RawNumber('-1e400'),
    new RawNumber('1e-400'),
    new RawNumber('123456789012345678901234567890'),
  ];
  return fc.constantFrom(...numbers);
}

function hugeArray(element: z.ZodType): fc.Arbitrary<Maybe> {
  return fc
    .tuple(schemaArbitrary(element, 'valid'), fc.constantFrom(1000, 5000, 20_000))
    .map(([item, n]) => new Array<JsonTree>(n).fill(item));
}

function missingField(shape: Record<string, z.ZodType>): fc.Arbitrary<Maybe> {
  const required = Object.keys(shape).filter((k) => !['optional', 'default'].includes(defOf(shape[k]!).type));
  if (required.length === 0) return wrongTypes;
  return fc
    .tuple(objectArbitrary(shape, false, 'valid'), fc.constantFrom(...required))
    .map(([obj, key]) => (obj instanceof JsonObject ? obj.without(key) : obj));
}
