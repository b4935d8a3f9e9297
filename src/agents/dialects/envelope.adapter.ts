import {
  type AgentRequestAction,
  type AckEventFrame,
  errorEvent,
  errorResponse,
  eventEnvelopeSchema,
  formatIssues,
  type HubRequestFrame,
  isAgentEventAction,
  metricsEventFrameSchema,
  parseAgentEvent,
  responseEnvelopeSchema,
  unknownActionMessage,
} from '@hivewatch/protocol';
import { sampleFromEnvelopeMetrics } from '../sample-mapper.js';
import { parseFrameObject, type DialectAdapter, type InboundFrame } from './dialect-adapter.js';

/** Seed 002 / our agent: `{type, id, action, payload, timestamp}` frames. Stateless, shared by all connections. */
export class EnvelopeAdapter implements DialectAdapter {
  readonly dialect = 'envelope' as const;

  decode(text: string, serverId: string, receivedAt: number): InboundFrame {
    const parsed = parseFrameObject(text);
    if (!parsed.ok) return parsed.bad;
    const frame = parsed.frame;
    const type = frame['type'];
    const action = frame['action'];
    if (type === 'event') {
      if (action === 'metrics') {
        const parsed = metricsEventFrameSchema.safeParse(frame);
        if (!parsed.success)
          return { kind: 'bad', reason: 'schema', message: formatIssues(parsed.error), action };
        const sample = sampleFromEnvelopeMetrics(serverId, parsed.data.payload, receivedAt);
        return { kind: 'metrics', sample, agentTime: parsed.data.timestamp ?? undefined };
      }
      if (typeof action !== 'string' || !isAgentEventAction(action)) {
        return { kind: 'bad', reason: 'unknown-action', message: unknownActionMessage(String(action)) };
      }
      // The envelope's own fields (id, timestamp) are checked like the payload's.
      const envelope = eventEnvelopeSchema.safeParse(frame);
      if (!envelope.success)
        return { kind: 'bad', reason: 'schema', message: formatIssues(envelope.error), action };
      const event = parseAgentEvent({ action, payload: frame['payload'] });
      if (!event.ok) return { kind: 'bad', reason: 'schema', message: event.error, action };
      if (event.value.action === 'log') {
        const p = event.value.payload;
        return { kind: 'log', level: p.level ?? 'INFO', message: p.message, at: p.at };
      }
      if (event.value.action === 'exec-output') return { kind: 'exec-output', payload: event.value.payload };
      if (event.value.action === 'terminal-output')
        return { kind: 'terminal-output', payload: event.value.payload };
      if (event.value.action === 'terminal-exit')
        return { kind: 'terminal-exit', payload: event.value.payload };
      if (event.value.action === 'docker-stats')
        return { kind: 'docker-stats', payload: event.value.payload };
      if (event.value.action === 'docker-event')
        return { kind: 'docker-event', payload: event.value.payload };
      if (event.value.action === 'docker-log') return { kind: 'docker-log', payload: event.value.payload };
      return { kind: 'ignored' };
    }
    if (type === 'response') {
      const parsed = responseEnvelopeSchema.safeParse(frame);
      if (!parsed.success) return { kind: 'bad', reason: 'schema', message: formatIssues(parsed.error) };
      return { kind: 'response', response: parsed.data };
    }
    if (type === 'request') {
      // The only request an agent may send is the first frame's authenticate.
      const id = frame['id'];
      const name = typeof action === 'string' ? action.slice(0, 64) : String(action);
      const message =
        action === 'authenticate' ? 'already authenticated on this connection' : unknownActionMessage(name);
      const bad: InboundFrame = { kind: 'bad', reason: 'unexpected-request', message };
      if (Number.isSafeInteger(id) && (id as number) >= 0) bad.request = { id: id as number, action: name };
      return bad;
    }
    return {
      kind: 'bad',
      reason: 'unknown-type',
      message: 'type: expected one of "request" | "response" | "event"',
    };
  }

  supports(): boolean {
    return true;
  }

  encodeRequest(id: number, action: AgentRequestAction, payload: unknown, now: number): string {
    const frame: HubRequestFrame = { type: 'request', id, action, payload: payload ?? null, timestamp: now };
    return JSON.stringify(frame);
  }

  encodeBadFrame(bad: Extract<InboundFrame, { kind: 'bad' }>, now: number): string {
    return JSON.stringify(
      bad.request
        ? errorResponse(bad.request.id, bad.request.action, bad.message, now)
        : errorEvent(bad.message, bad.action, now),
    );
  }

  encodeAck(seq: number, now: number): string {
    const frame: AckEventFrame = { type: 'event', action: 'ack', payload: { seq }, timestamp: now };
    return JSON.stringify(frame);
  }
}
