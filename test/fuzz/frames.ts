import fc from 'fast-check';
import { z } from 'zod';
import {
  agentEventSchemas,
  authenticateRequestFrameSchema,
  eventEnvelopeSchema,
  metricsEventFrameSchema,
  requestEnvelopeSchema,
  responseEnvelopeSchema,
  simpleAuthSchema,
  simpleCommandResponseSchema,
  simpleDockerResponseSchema,
  simpleMetricsSchema,
  type AgentDialect,
} from '@hivewatch/protocol';
import { fromJson, toJsonText, type JsonTree } from './json-text.js';
import { schemaArbitrary } from './schema-arbitrary.js';

/** One WebSocket message the fuzzer sends. `kind` names where it came from, for reports. */
export type Frame =
  | { kind: string; text: string }
  | { kind: 'binary'; binary: Buffer }
  /** A text frame whose bytes are not UTF-8: the WebSocket layer closes with 1007. Always last. */
  | { kind: 'invalid-utf8'; invalidUtf8: Buffer };

/** What one fuzz connection does: authenticate in `dialect` (or send `firstFrame` instead), then `frames`. */
export interface ConnectionPlan {
  dialect: AgentDialect;
  /** A hostile first frame instead of a valid authentication (the hub must close the socket). */
  firstFrame: Frame | null;
  /** Also put the token in the URL query string (refused with 4401 whatever the first frame says). */
  tokenInUrl: boolean;
  frames: Frame[];
}

/** The schemas each dialect's frames are derived from, by name. */
export function envelopeFrameSchemas(): Record<string, z.ZodType> {
  const events = Object.fromEntries(
    Object.entries(agentEventSchemas)
      .filter(([action]) => action !== 'metrics')
      .map(([action, payload]) => [
        `event:${action}`,
        eventEnvelopeSchema.extend({ action: z.literal(action), payload }),
      ]),
  );
  return {
    'event:metrics': metricsEventFrameSchema,
    ...events,
    response: responseEnvelopeSchema,
    request: requestEnvelopeSchema,
    'request:authenticate': authenticateRequestFrameSchema,
  };
}

export function simpleFrameSchemas(): Record<string, z.ZodType> {
  return {
    metrics: simpleMetricsSchema,
    command_response: simpleCommandResponseSchema,
    docker_response: simpleDockerResponseSchema,
    auth: simpleAuthSchema,
  };
}

/** Frames of one schema, valid or hostile; the metrics frames get most of the weight. */
function schemaFrames(schemas: Record<string, z.ZodType>): fc.Arbitrary<Frame> {
  return fc.oneof(
    ...Object.entries(schemas).map(([kind, schema]) => ({
      weight: kind.includes('metrics') ? 8 : 1,
      arbitrary: fc.oneof(
        { weight: 2, arbitrary: schemaArbitrary(schema, 'valid').map((t) => textFrame(`${kind}:valid`, t)) },
        {
          weight: 3,
          arbitrary: schemaArbitrary(schema, 'hostile').map((t) => textFrame(`${kind}:hostile`, t)),
        },
      ),
    })),
  );
}

function textFrame(kind: string, tree: JsonTree): Frame {
  return { kind, text: toJsonText(tree) };
}

/** Frames no schema describes: broken JSON, other JSON types, deep nesting, binary. */
function rawFrames(base: fc.Arbitrary<Frame>): fc.Arbitrary<Frame> {
  const truncated = fc
    .tuple(base, fc.double({ min: 0, max: 1, noNaN: true }))
    .filter(([f]) => 'text' in f && f.text.length > 1)
    .map(([f, at]): Frame => {
      const text = (f as { text: string }).text;
      return { kind: 'truncated-json', text: text.slice(0, Math.max(1, Math.floor(text.length * at))) };
    });
  const nonObject = fc
    .oneof(
      fc.constantFrom<unknown>(null, 0, -0, 'metrics', true, [], [{}]),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    )
    .map((v): Frame => ({ kind: 'non-object-json', text: toJsonText(fromJson(v)) }));
  const odd = fc.constantFrom<Frame>(
    { kind: 'empty-text', text: '' },
    { kind: 'whitespace', text: ' \n\t ' },
    { kind: 'nan-literal', text: '{"type":"event","action":"metrics","payload":{"cpuUsagePercent":NaN}}' },
    { kind: 'bom', text: '\ufeff{"type":"event","action":"metrics","payload":{}}' },
    {
      kind: 'deep-nesting',
      text: '{"type":"event","action":"metrics","payload":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    },
    { kind: 'deep-object', text: '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) },
    {
      kind: 'duplicate-keys',
      text: '{"type":"event","type":"request","action":"metrics","action":"authenticate","payload":{}}',
    },
    {
      kind: 'proto-key',
      text: '{"__proto__":{"type":"event","action":"metrics"},"constructor":{"prototype":{"x":1}}}',
    },
  );
  const binary = fc
    .oneof(
      fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
      base.filter((f) => 'text' in f).map((f) => Buffer.from((f as { text: string }).text)),
    )
    .map((binary): Frame => ({ kind: 'binary', binary }));
  return fc.oneof(truncated, nonObject, odd, binary);
}

/** Every frame a connection may send after authenticating, for one dialect. */
export function dialectFrames(dialect: AgentDialect): fc.Arbitrary<Frame> {
  const base = schemaFrames(dialect === 'envelope' ? envelopeFrameSchemas() : simpleFrameSchemas());
  return fc.oneof({ weight: 6, arbitrary: base }, { weight: 1, arbitrary: rawFrames(base) });
}

/** A frame larger than the hub accepts: it must close the connection with 1009, not count it. */
export function oversizeFrame(maxFrameBytes: number, extra: number): Frame {
  const head = '{"type":"event","action":"metrics","payload":{"pad":"';
  const tail = '"}}';
  return {
    kind: 'oversize',
    text: head + 'A'.repeat(maxFrameBytes + 1 + extra - head.length - tail.length) + tail,
  };
}

function firstFrames(dialect: AgentDialect): fc.Arbitrary<Frame> {
  const auth = dialect === 'envelope' ? authenticateRequestFrameSchema : simpleAuthSchema;
  return fc.oneof(
    schemaArbitrary(auth, 'hostile').map((t) => textFrame('first:auth-hostile', t)),
    schemaArbitrary(auth, 'valid').map((t) => textFrame('first:wrong-credentials', t)),
    dialectFrames(dialect).map((f) => ({ ...f, kind: `first:${f.kind}` }) as Frame),
  );
}

/** A connection: mostly authenticated fuzzing, sometimes a hostile first frame; duplicates and a rare tail. */
export function connectionPlan(maxFrames: number, maxFrameBytes: number): fc.Arbitrary<ConnectionPlan> {
  return fc.constantFrom<AgentDialect>('envelope', 'simple').chain((dialect) =>
    fc
      .record({
        hostileFirst: fc.oneof(
          { weight: 5, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: firstFrames(dialect) },
        ),
        variant: fc.integer({ min: 0, max: 40 }),
        frames: fc.array(dialectFrames(dialect), { minLength: 1, maxLength: maxFrames }),
        duplicates: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
        tail: fc.integer({ min: 0, max: 30 }),
      })
      .map(({ hostileFirst, variant, frames, duplicates, tail }): ConnectionPlan => {
        const sequence = [...frames];
        for (const [from, to] of duplicates)
          sequence.splice(to % (sequence.length + 1), 0, frames[from % frames.length]!);
        if (tail === 0) sequence.push(oversizeFrame(maxFrameBytes, variant));
        if (tail === 1)
          sequence.push({ kind: 'invalid-utf8', invalidUtf8: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]) });
        return {
          dialect,
          firstFrame: hostileFirst,
          tokenInUrl: hostileFirst === null && variant === 0,
          frames: sequence,
        };
      }),
  );
}
