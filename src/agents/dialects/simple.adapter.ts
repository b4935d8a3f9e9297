import {
  type AgentRequestAction,
  type DockerActionRequest,
  type ExecRequest,
  type ExecResult,
  type SimpleCommandResponse,
  formatIssues,
  type ResponseEnvelope,
  type SimpleCommand,
  simpleCommandResponseSchema,
  type SimpleDockerCommand,
  SIMPLE_DIALECT_DOCKER_ACTIONS,
  simpleDockerResponseSchema,
  type SimpleError,
  simpleMetricsSchema,
  WireMessage,
} from '@hivewatch/protocol';
import { parseSimpleTimestamp, sampleFromSimpleMetrics } from '../sample-mapper.js';
import { parseFrameObject, type DialectAdapter, type InboundFrame } from './dialect-adapter.js';

const INVALID_FORMAT: SimpleError = { type: 'error', message: WireMessage.InvalidMessageFormat };
const INVALID_FORMAT_TEXT = JSON.stringify(INVALID_FORMAT);

/**
 * Seed 001: flat frames by `type`. `command` / `docker_command` carry the hub's request id as
 * `command_id` (a string on the wire), so their answers map onto the same RPC results as envelope
 * responses to `exec` / `docker-action`.
 */
export class SimpleAdapter implements DialectAdapter {
  readonly dialect = 'simple' as const;

  decode(text: string, serverId: string, receivedAt: number): InboundFrame {
    const parsed = parseFrameObject(text);
    if (!parsed.ok) return parsed.bad;
    const frame = parsed.frame;
    switch (frame['type']) {
      case 'metrics': {
        const parsed = simpleMetricsSchema.safeParse(frame);
        if (!parsed.success) return { kind: 'bad', reason: 'schema', message: formatIssues(parsed.error) };
        const sample = sampleFromSimpleMetrics(serverId, parsed.data, receivedAt);
        return { kind: 'metrics', sample, agentTime: parseSimpleTimestamp(parsed.data.timestamp) };
      }
      case 'command_response': {
        const parsed = simpleCommandResponseSchema.safeParse(frame);
        if (!parsed.success) return { kind: 'bad', reason: 'schema', message: formatIssues(parsed.error) };
        const r = parsed.data;
        return this.response(r.command_id, 'exec', {
          status: 'ok',
          data: execResultOfSimple(r, receivedAt),
        });
      }
      case 'docker_response': {
        const parsed = simpleDockerResponseSchema.safeParse(frame);
        if (!parsed.success) return { kind: 'bad', reason: 'schema', message: formatIssues(parsed.error) };
        const r = parsed.data;
        return this.response(
          r.command_id,
          'docker-action',
          r.success
            ? { status: 'ok', data: r.message === undefined ? {} : { message: r.message } }
            : { status: 'error', message: r.message ?? 'docker command failed' },
        );
      }
      case 'auth':
        return { kind: 'bad', reason: 'unexpected-request', message: 'already authenticated' };
      default:
        return { kind: 'bad', reason: 'unknown-type', message: 'type: unknown' };
    }
  }

  supports(action: AgentRequestAction): boolean {
    return action === 'exec' || action === 'docker-action';
  }

  encodeRequest(id: number, action: AgentRequestAction, payload: unknown): string {
    if (action === 'exec') {
      const p = payload as ExecRequest;
      const frame: SimpleCommand = { type: 'command', command_id: String(id), command: p.command };
      return JSON.stringify(frame);
    }
    if (action === 'docker-action') {
      const p = payload as DockerActionRequest;
      if (!(SIMPLE_DIALECT_DOCKER_ACTIONS as readonly string[]).includes(p.action))
        throw new Error(`the simple dialect cannot carry the Docker action '${p.action}'`);
      const frame: SimpleDockerCommand = {
        type: 'docker_command',
        command_id: String(id),
        action: p.action as SimpleDockerCommand['action'],
        container_id: p.containerId,
      };
      return JSON.stringify(frame);
    }
    throw new Error(`the simple dialect cannot carry '${action}'`);
  }

  encodeBadFrame(): string {
    return INVALID_FORMAT_TEXT;
  }

  encodeAck(): null {
    return null;
  }

  /** A command id that is not one of ours cannot match a pending request. */
  private response(commandId: string, action: string, payload: unknown): InboundFrame {
    const id = /^\d{1,16}$/.test(commandId) ? Number(commandId) : -1;
    if (!Number.isSafeInteger(id) || id < 0)
      return { kind: 'bad', reason: 'unmatched-response', message: 'command_id: unknown' };
    const response: ResponseEnvelope = { type: 'response', id, action, payload };
    return { kind: 'response', response };
  }
}

/** The seed-001 error frame every refused simple-dialect frame gets. */
export const SIMPLE_INVALID_FORMAT = INVALID_FORMAT_TEXT;

/**
 * A seed-001 `command_response` as an `exec` result: its one `output` (stdout and stderr mixed, as
 * that agent sends it) is the stdout, its times are reconstructed from the receive time.
 */
function execResultOfSimple(r: SimpleCommandResponse, receivedAt: number): ExecResult {
  const empty = { head: '', tail: '', droppedBytes: 0, totalBytes: 0 };
  return {
    exitCode: r.exit_code,
    signal: null,
    timedOut: false,
    stdout: { ...empty, head: r.output, totalBytes: Buffer.byteLength(r.output) },
    stderr: empty,
    startedAt: Math.max(0, receivedAt - r.duration_ms),
    endedAt: receivedAt,
    durationMs: r.duration_ms,
  };
}
