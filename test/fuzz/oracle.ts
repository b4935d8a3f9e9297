import {
  agentEventSchemas,
  eventEnvelopeSchema,
  isRecord,
  metricsEventFrameSchema,
  responseEnvelopeSchema,
  simpleCommandResponseSchema,
  simpleDockerResponseSchema,
  simpleMetricsSchema,
  type AgentDialect,
} from '@hivewatch/protocol';
import { z } from 'zod';
import type { Frame } from './frames.js';

/**
 * What the published contract (libs/protocol schemas + protocol.md §1) says must become of a frame
 * sent after authentication — decided here without asking the hub:
 * - `accepted`: valid; the hub stores or routes it and sends no error;
 * - `refused`: the hub answers with an error frame and counts it as a bad frame;
 * - `unmatched`: a valid response to no pending request: counted as a bad frame, an error reply is optional;
 * - `close-1009` / `close-1007`: larger than the frame limit / text that is not UTF-8: the WebSocket
 *   layer closes the connection; not a counted frame.
 */
export type Verdict = 'accepted' | 'refused' | 'unmatched' | 'close-1009' | 'close-1007';

const eventFrameSchemas = new Map<string, z.ZodType>(
  Object.entries(agentEventSchemas).map(([action, payload]) => [
    action,
    action === 'metrics'
      ? metricsEventFrameSchema
      : eventEnvelopeSchema.extend({ action: z.literal(action), payload }),
  ]),
);

export function verdict(
  dialect: AgentDialect,
  frame: Frame,
  maxFrameBytes: number,
  pendingRequestIds: ReadonlySet<number>,
): Verdict {
  if ('invalidUtf8' in frame) return 'close-1007';
  if ('binary' in frame) return frame.binary.length > maxFrameBytes ? 'close-1009' : 'refused';
  if (Buffer.byteLength(frame.text) > maxFrameBytes) return 'close-1009';
  let value: unknown;
  try {
    value = JSON.parse(frame.text);
  } catch {
    return 'refused';
  }
  if (!isRecord(value)) return 'refused';
  return dialect === 'envelope' ? envelopeVerdict(value, pendingRequestIds) : simpleVerdict(value);
}

function envelopeVerdict(frame: Record<string, unknown>, pending: ReadonlySet<number>): Verdict {
  const { type, action } = frame;
  if (type === 'event') {
    const schema = typeof action === 'string' ? eventFrameSchemas.get(action) : undefined;
    return schema?.safeParse(frame).success ? 'accepted' : 'refused';
  }
  if (type === 'response') {
    const parsed = responseEnvelopeSchema.safeParse(frame);
    if (!parsed.success) return 'refused';
    return pending.has(parsed.data.id) ? 'accepted' : 'unmatched';
  }
  // `request` (agents may send only the first authenticate) and any other type.
  return 'refused';
}

function simpleVerdict(frame: Record<string, unknown>): Verdict {
  switch (frame['type']) {
    case 'metrics':
      return simpleMetricsSchema.safeParse(frame).success ? 'accepted' : 'refused';
    case 'command_response':
      return simpleCommandResponseSchema.safeParse(frame).success ? 'unmatched' : 'refused';
    case 'docker_response':
      return simpleDockerResponseSchema.safeParse(frame).success ? 'unmatched' : 'refused';
    default:
      return 'refused';
  }
}

/** Is this inbound message an error reply (either dialect), as opposed to an ack or a hub request? */
export function isErrorReply(message: unknown): boolean {
  if (!isRecord(message)) return false;
  if (message['type'] === 'error') return true; // simple dialect
  if (message['type'] === 'event' && message['action'] === 'error') return true;
  return message['type'] === 'response' && message['status'] === 'error';
}
