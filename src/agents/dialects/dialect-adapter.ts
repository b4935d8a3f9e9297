import {
  isRecord,
  type AgentDialect,
  type AgentRequestAction,
  type DockerEventPayload,
  type DockerLogPayload,
  type DockerStatsPayload,
  type ExecOutputPayload,
  type ResponseEnvelope,
  type TerminalExitPayload,
  type TerminalOutputPayload,
} from '@hivewatch/protocol';
import type { Sample } from '../../records/sample.js';
import type { BadFrameReason } from '../gateway-stats.js';

/**
 * What one post-authentication frame means, whichever dialect carried it. The gateway, the RPC
 * client and the records know only this model; the adapters are the only code that knows a dialect.
 */
export type InboundFrame =
  | {
      kind: 'metrics';
      /** `time` is receive time until the gateway applies the connection's clock correction. */
      sample: Sample;
      /** The agent's own timestamp of the sample, when it sent one. */
      agentTime: number | undefined;
    }
  /** An answer to a hub request, shaped as an envelope response whatever the dialect (see readAgentReply). */
  | { kind: 'response'; response: ResponseEnvelope }
  /** A followed log line (`log` event). */
  | { kind: 'log'; level: string; message: string; at: number | undefined }
  /** A valid frame nothing consumes yet (extension events of later features). */
  | { kind: 'exec-output'; payload: ExecOutputPayload }
  /** A terminal session's output or end (src/terminal/relay relays them to the browser). */
  | { kind: 'terminal-output'; payload: TerminalOutputPayload }
  | { kind: 'terminal-exit'; payload: TerminalExitPayload }
  /** Docker engine figures and container lifecycle events (src/docker stores them). */
  | { kind: 'docker-stats'; payload: DockerStatsPayload }
  | { kind: 'docker-event'; payload: DockerEventPayload }
  /** A batch of a container log stream (src/docker/logs). */
  | { kind: 'docker-log'; payload: DockerLogPayload }
  | { kind: 'ignored' }
  | {
      kind: 'bad';
      reason: BadFrameReason;
      /** Readable path-to-field message, never containing input values. */
      message: string;
      /** Set when the frame was an identifiable request: the reply is a response to it. */
      request?: { id: number; action: string };
      action?: string;
    };

export type BadFrame = Extract<InboundFrame, { kind: 'bad' }>;

/** The first step of every dialect's decode: the frame as a JSON object, or why it is refused. */
export function parseFrameObject(
  text: string,
): { ok: true; frame: Record<string, unknown> } | { ok: false; bad: BadFrame } {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { ok: false, bad: { kind: 'bad', reason: 'malformed-json', message: 'invalid JSON' } };
  }
  if (!isRecord(frame)) {
    return { ok: false, bad: { kind: 'bad', reason: 'unknown-type', message: '(root): expected object' } };
  }
  return { ok: true, frame };
}

export interface DialectAdapter {
  readonly dialect: AgentDialect;
  /** One JSON.parse, one schema validation. Never throws. */
  decode(text: string, serverId: string, receivedAt: number): InboundFrame;
  /** Can this dialect carry `action` at all? (capabilities are checked separately) */
  supports(action: AgentRequestAction): boolean;
  /** The wire text of a hub request; only called when {@link supports} is true. */
  encodeRequest(id: number, action: AgentRequestAction, payload: unknown, now: number): string;
  /** The reply to a refused frame. */
  encodeBadFrame(bad: Extract<InboundFrame, { kind: 'bad' }>, now: number): string;
  /** The acknowledgement of durably stored samples, or null when the dialect has none. */
  encodeAck(seq: number, now: number): string | null;
}
