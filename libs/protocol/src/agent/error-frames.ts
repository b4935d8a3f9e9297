import { z } from 'zod';
import { actionNameSchema, messageIdSchema } from '../envelope.js';
import { unixMsSchema } from '../primitives.js';

/**
 * How the hub tells an envelope agent that a frame was refused (malformed JSON, unknown action,
 * schema failure). A refused `request` (it has an id) is answered with a `response` of that id and
 * action, `status:"error"` at both levels like every other reply; anything else gets an `error`
 * event. Agents may ignore both: they are for the agent's log, the connection stays open.
 */

/** `event` `error`: the hub could not use a frame that was not an identifiable request. */
export const errorEventFrameSchema = z.object({
  type: z.literal('event'),
  action: z.literal('error'),
  payload: z.object({
    message: z
      .string()
      .describe('readable, e.g. "payload.diskUsage[0].totalGB: expected number, received string"'),
    /** The refused frame's `action`, when it had a readable one. */
    action: z.string().optional(),
  }),
  timestamp: unixMsSchema.optional(),
});
export type ErrorEventFrame = z.infer<typeof errorEventFrameSchema>;

/** `response` with `status:"error"` to a refused agent request. */
export const errorResponseFrameSchema = z.object({
  type: z.literal('response'),
  id: messageIdSchema,
  action: actionNameSchema,
  status: z.literal('error'),
  message: z.string(),
  payload: z.object({ status: z.literal('error'), message: z.string() }),
  timestamp: unixMsSchema.optional(),
});
export type ErrorResponseFrame = z.infer<typeof errorResponseFrameSchema>;

export function errorEvent(message: string, action?: string, now: number = Date.now()): ErrorEventFrame {
  return {
    type: 'event',
    action: 'error',
    payload: action === undefined ? { message } : { message, action },
    timestamp: now,
  };
}

export function errorResponse(
  id: number,
  action: string,
  message: string,
  now: number = Date.now(),
): ErrorResponseFrame {
  return {
    type: 'response',
    id,
    action,
    status: 'error',
    message,
    payload: { status: 'error', message },
    timestamp: now,
  };
}
