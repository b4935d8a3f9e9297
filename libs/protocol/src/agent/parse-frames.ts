import { resolveResponse, type ResponseEnvelope } from '../envelope.js';
import { parseWith, type ParseResult } from '../parse.js';
import {
  agentEventSchemas,
  agentRequestSchemas,
  isAgentEventAction,
  type AgentEventAction,
  type AgentEventMap,
  type AgentRequestAction,
  type AgentRequestPayload,
  type AgentResponseData,
} from './action-map.js';
import { unknownActionMessage } from '../messages.js';
import type { HostRequestErrorCode } from './host-request-error.js';

/** A validated agent event, discriminated by `action`. */
export type AgentEvent = {
  [A in AgentEventAction]: { action: A; payload: AgentEventMap[A] };
}[AgentEventAction];

/** Validates an event's payload by its action. Errors read `payload.<field>: …`. */
export function parseAgentEvent(frame: { action: string; payload?: unknown }): ParseResult<AgentEvent> {
  const { action } = frame;
  if (!isAgentEventAction(action)) return { ok: false, error: unknownActionMessage(action) };
  const result = parseWith(agentEventSchemas[action], frame.payload, 'payload');
  return result.ok ? { ok: true, value: { action, payload: result.value } as AgentEvent } : result;
}

/** Validates a request payload before the hub sends it (or when our agent receives it). */
export function parseRequestPayload<A extends AgentRequestAction>(
  action: A,
  payload: unknown,
): ParseResult<AgentRequestPayload<A>> {
  return parseWith(agentRequestSchemas[action].request, payload, 'payload') as ParseResult<
    AgentRequestPayload<A>
  >;
}

/** Validates (and unwraps) a response's `data` for `action`. */
export function parseResponseData<A extends AgentRequestAction>(
  action: A,
  data: unknown,
): ParseResult<AgentResponseData<A>> {
  return parseWith(agentRequestSchemas[action].response, data, 'data') as ParseResult<AgentResponseData<A>>;
}

/**
 * What became of a request: `ok` with typed data; `agent-error` when the agent answered
 * `status:"error"` (REST: 502 with its message and code); `invalid` when the answer did not fit the contract.
 */
export type AgentReply<A extends AgentRequestAction> =
  | { kind: 'ok'; data: AgentResponseData<A> }
  | { kind: 'agent-error'; message: string; code?: HostRequestErrorCode }
  | { kind: 'invalid'; error: string };

/** Reads a response frame to a request of `action`, wherever the agent put its `status`. */
export function readAgentReply<A extends AgentRequestAction>(
  action: A,
  frame: ResponseEnvelope,
): AgentReply<A> {
  const outcome = resolveResponse(frame);
  if (!outcome.ok)
    return outcome.code === undefined
      ? { kind: 'agent-error', message: outcome.message }
      : { kind: 'agent-error', message: outcome.message, code: outcome.code };
  const data = parseResponseData(action, outcome.data);
  return data.ok ? { kind: 'ok', data: data.value } : { kind: 'invalid', error: data.error };
}
