import { isRecord } from './primitives.js';

/** Agent dialects accepted on the agent endpoint. */
export type AgentDialect = 'envelope' | 'simple';

/**
 * Which dialect a first frame speaks, judged only by its discriminating fields (the full schema check
 * comes after): an envelope `authenticate` request, or a simple `auth` frame. `null`: neither — reply
 * `Invalid message format` and close with 4400.
 */
export function detectDialect(frame: unknown): AgentDialect | null {
  if (!isRecord(frame)) return null;
  if (frame['type'] === 'request' && frame['action'] === 'authenticate') return 'envelope';
  if (frame['type'] === 'auth') return 'simple';
  return null;
}
