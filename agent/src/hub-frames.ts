import type { IncomingRequest } from './requests/request-router.js';

/** What a frame from the hub means to the agent. */
export type HubFrame =
  | { kind: 'auth-ok'; serverId: string; agentId?: string; token?: string }
  | { kind: 'auth-error'; message: string }
  | { kind: 'ack'; seq: number }
  | { kind: 'request'; request: IncomingRequest }
  | { kind: 'other' };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Classifies a parsed frame; tolerant like the hub (status at envelope or payload level). */
export function readHubFrame(raw: unknown): HubFrame {
  const frame = record(raw);
  if (!frame) return { kind: 'other' };
  const payload = record(frame['payload']);
  if (frame['type'] === 'response' && frame['action'] === 'authenticate') {
    const status = payload?.['status'] ?? frame['status'];
    if (status === 'ok') {
      return {
        kind: 'auth-ok',
        serverId: text(payload?.['server_id']) ?? text(payload?.['agent_id']) ?? '',
        agentId: text(payload?.['agent_id']),
        token: text(payload?.['token']),
      };
    }
    return { kind: 'auth-error', message: text(payload?.['message']) ?? text(frame['message']) ?? 'refused' };
  }
  if (frame['type'] === 'event' && frame['action'] === 'ack') {
    const seq = payload?.['seq'];
    return typeof seq === 'number' && Number.isSafeInteger(seq) ? { kind: 'ack', seq } : { kind: 'other' };
  }
  if (frame['type'] === 'request' && typeof frame['action'] === 'string') {
    const id = frame['id'];
    return {
      kind: 'request',
      request: {
        id: typeof id === 'number' && Number.isSafeInteger(id) ? id : null,
        action: frame['action'],
        payload: frame['payload'] ?? null,
      },
    };
  }
  return { kind: 'other' };
}
