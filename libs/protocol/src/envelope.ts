import { z } from 'zod';
import { hostRequestErrorCodeSchema, type HostRequestErrorCode } from './agent/host-request-error.js';
import { isRecord, seqSchema, unixMsSchema } from './primitives.js';

/**
 * The seed-002 envelope: every frame of the envelope dialect is
 * `{type, id, action, payload, timestamp}`. Parsing is tolerant: unknown extra fields are dropped,
 * `timestamp` may be missing (receive time is used), and `id` may be missing or null on events and on
 * the agent's `authenticate` request (seed 002 shows that request without an id).
 */

/**
 * Request id: a safe integer. The seed-002 agent caches responses by id, so the hub must never
 * re-use an id for a new request (see docs/protocol/README.md, "Request ids").
 */
export const messageIdSchema = seqSchema.describe('request id, a non-negative safe integer');

/** Action name; kebab-case on the wire (`get-server-info`). Unknown names are rejected by routing, not here. */
export const actionNameSchema = z.string().min(1).max(64).describe('kebab-case action name');

/** `status` of a response, in the payload and/or at envelope level. */
export const responseStatusSchema = z.enum(['ok', 'error']);
export type ResponseStatus = z.infer<typeof responseStatusSchema>;

const common = {
  action: actionNameSchema,
  /** Varies by action; `null` for requests that take none (e.g. `get-server-info`). */
  payload: z.unknown(),
  timestamp: unixMsSchema.nullish(),
};

/** `type: "request"`. The hub always sends an id; the seed-002 agent's `authenticate` may carry none. */
export const requestEnvelopeSchema = z.object({
  type: z.literal('request'),
  id: messageIdSchema.nullish(),
  ...common,
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

/**
 * `type: "response"` from an agent, with the `id` (required: it is how the hub matches it) and `action`
 * of the request it answers. `status`/`message` may sit
 * here or in the payload (`{status, data}` / `{status, message}`); see {@link resolveResponse}.
 */
export const responseEnvelopeSchema = z.object({
  type: z.literal('response'),
  id: messageIdSchema,
  ...common,
  status: responseStatusSchema.optional(),
  message: z.string().optional(),
});
export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;

/** `type: "event"`: fire-and-forget, `id` optional. */
export const eventEnvelopeSchema = z.object({
  type: z.literal('event'),
  id: messageIdSchema.nullish(),
  ...common,
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** Any envelope-dialect frame. */
export const envelopeSchema = z.discriminatedUnion('type', [
  requestEnvelopeSchema,
  responseEnvelopeSchema,
  eventEnvelopeSchema,
]);
export type Envelope = z.infer<typeof envelopeSchema>;

/** A request as the hub sends it: id always present (unique forever, see the README), payload explicit. */
export interface HubRequestFrame<A extends string = string, P = unknown> {
  type: 'request';
  id: number;
  action: A;
  payload: P;
  timestamp: number;
}

/** Outcome of an agent's response, whichever level its `status` was put at. */
export type ResponseOutcome =
  { ok: true; data: unknown } | { ok: false; message: string; code?: HostRequestErrorCode };

/** Message used when a response carries `status: "error"` but no text. */
export const NO_ERROR_MESSAGE = 'agent reported an error without a message';

/**
 * Reads a response the way every agent may have written it:
 * - `payload: {status:"ok", data}` (seed 002) → `data`;
 * - `payload: {status:"ok", services:[…]}` → the payload without `status` (unwrap helpers finish the job);
 * - `payload: {status:"ok"}` → `undefined`;
 * - envelope-level `status` with the payload being the data itself → the payload.
 * An error status (either level) yields its message, and the payload's `code` when it is a known one.
 * A response with no status anywhere is an error.
 */
export function resolveResponse(frame: ResponseEnvelope): ResponseOutcome {
  const payload = isRecord(frame.payload) ? frame.payload : undefined;
  const payloadStatus = responseStatusSchema.safeParse(payload?.['status']);
  const status = payloadStatus.success ? payloadStatus.data : frame.status;
  if (status === undefined) return { ok: false, message: 'response carries no status' };
  if (status === 'error') {
    const inner = payload?.['message'];
    const message = typeof inner === 'string' && inner !== '' ? inner : frame.message;
    const code = hostRequestErrorCodeSchema.safeParse(payload?.['code']);
    return {
      ok: false,
      message: message !== undefined && message !== '' ? message : NO_ERROR_MESSAGE,
      ...(code.success ? { code: code.data } : {}),
    };
  }
  if (payload === undefined || !payloadStatus.success) return { ok: true, data: frame.payload };
  if ('data' in payload) return { ok: true, data: payload['data'] };
  const rest = Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'status'));
  return { ok: true, data: Object.keys(rest).length > 0 ? rest : undefined };
}
