import {
  ACTION_CAPABILITY,
  AGENT_CAPABILITIES,
  capabilityDisabledMessage,
  checkAgentRequestPayload,
  isAgentRequestAction,
  PROTOCOL_VERSION,
  unknownActionMessage,
  type AgentCapability,
  type AgentConfigRequest,
  type AgentRequestAction,
  type ExecCancelRequest,
  type ExecRequest,
  type ExecResult,
  type HostRequestError,
  type PingTasksSyncRequest,
} from '@hivewatch/protocol';
import type { DockerRequestHandler } from '../docker/docker-requests.js';
import { errorMessage, type Logger } from '../log/logger.js';
import { ServiceError, type SystemdClient } from '../systemd/systemd-client.js';
import type { TerminalRequestHandler } from '../terminal/terminal-requests.js';
import { AGENT_VERSION } from '../version.js';
import type { ProcessTable } from './process-table.js';
import { ResponseCache } from './response-cache.js';
import { serverInfo } from './server-info.js';

export type ResponsePayload = { status: 'ok'; data?: unknown } | HostRequestError;

export interface IncomingRequest {
  id: number | null | undefined;
  action: string;
  payload: unknown;
}

export interface RequestRouterOptions {
  capabilities: ReadonlySet<AgentCapability>;
  systemd: SystemdClient;
  processes: ProcessTable;
  logger: Logger;
  applyConfig(update: AgentConfigRequest): void;
  procRoot?: string;
  cache?: ResponseCache<ResponsePayload>;
  /** Runs `exec` (agent/src/exec); `requestId` names its live output chunks; `cancel` is `exec-cancel`. */
  exec?: ((requestId: number | null, request: ExecRequest) => Promise<ExecResult>) & {
    cancel?(requestId: number): boolean;
  };
  /** The terminal channel (agent/src/terminal); absent unless the host enabled `terminal`. */
  terminal?: TerminalRequestHandler;
  /** The Docker module's requests (agent/src/docker); absent unless the host enabled `docker` or `docker-actions`. */
  docker?: DockerRequestHandler;
  /** `ping-tasks-sync` (agent/src/probes); absent unless the host enabled `ping`. */
  probes?: (request: PingTasksSyncRequest) => unknown;
}

const UNCACHED_ACTIONS: ReadonlySet<string> = new Set([
  'exec-cancel',
  'terminal-input',
  'terminal-resize',
  'terminal-credit',
]);

/** Capabilities whose requests this agent version implements (others stay off whatever the config says). */
export const IMPLEMENTED_CAPABILITIES: readonly AgentCapability[] = [
  'services-restart',
  'exec',
  'terminal',
  'docker',
  'docker-actions',
  'ping',
];

/**
 * Answers hub requests as the seed-002 agent does (same payloads, same `{status, data}` replies),
 * re-checking capabilities on this side: the hub's word never enables one.
 */
export class RequestRouter {
  private readonly cache: ResponseCache<ResponsePayload>;
  /** Actions actually executed (cache hits excluded), for tests and diagnostics. */
  readonly executed: string[] = [];

  constructor(private readonly options: RequestRouterOptions) {
    this.cache = options.cache ?? new ResponseCache();
  }

  handle(request: IncomingRequest): { response: Promise<ResponsePayload>; cached: boolean } {
    // Keystrokes, resizes and credits are never retried by the hub and come by the thousand: caching
    // them would evict the entries that make a retried restart-service idempotent.
    if (typeof request.id !== 'number' || UNCACHED_ACTIONS.has(request.action))
      return { response: this.execute(request), cached: false };
    const { value, hit } = this.cache.getOrRun(request.id, () => this.execute(request));
    return { response: value, cached: hit };
  }

  private async execute(request: IncomingRequest): Promise<ResponsePayload> {
    const { action } = request;
    if (!isAgentRequestAction(action)) return { status: 'error', message: unknownActionMessage(action) };
    const capability = ACTION_CAPABILITY[action];
    if (capability !== null && !this.options.capabilities.has(capability))
      return { status: 'error', message: capabilityDisabledMessage(capability) };
    const parsed = checkAgentRequestPayload(action, request.payload ?? null);
    if (!parsed.ok) return { status: 'error', message: `invalid request: ${parsed.error}` };
    this.executed.push(action);
    try {
      return await this.run(action, parsed.value, request.id ?? null);
    } catch (error) {
      if (!(error instanceof ServiceError))
        this.options.logger.warn('request failed', { action, error: errorMessage(error) });
      const code = error instanceof ServiceError ? error.code : undefined;
      return code === undefined
        ? { status: 'error', message: errorMessage(error) }
        : { status: 'error', message: errorMessage(error), code };
    }
  }

  private async run(
    action: AgentRequestAction,
    payload: unknown,
    id: number | null,
  ): Promise<ResponsePayload> {
    const { systemd, processes } = this.options;
    const name = (): string => (payload as { name: string }).name;
    switch (action) {
      case 'get-server-info':
        return ok(serverInfo(this.options.procRoot));
      case 'get-services':
        return ok(await systemd.listServices());
      case 'get-service':
        return ok(await systemd.service(name()));
      case 'get-service-log':
        return ok(await systemd.log(name()));
      case 'restart-service':
        this.options.logger.info("restarting a service at the hub's request", { service: name() });
        await systemd.restart(name());
        return { status: 'ok' };
      case 'get-processes':
        return ok(processes.list());
      case 'get-process': {
        const pid = Number((payload as { pid: number | string }).pid);
        const detail = processes.get(pid);
        return detail ? ok(detail) : { status: 'error', message: `process no longer exists (pid=${pid})` };
      }
      case 'update-agent-config':
        this.options.applyConfig(payload as AgentConfigRequest);
        return { status: 'ok' };
      case 'get-capabilities':
        return ok({
          capabilities: AGENT_CAPABILITIES.filter((c) => this.options.capabilities.has(c)),
          agentVersion: AGENT_VERSION,
          protocolVersion: PROTOCOL_VERSION,
        });
      case 'exec':
        return this.options.exec
          ? ok(await this.options.exec(id, payload as ExecRequest))
          : notImplemented(action);
      case 'exec-cancel':
        return this.options.exec?.cancel
          ? ok({ found: this.options.exec.cancel((payload as ExecCancelRequest).requestId) })
          : notImplemented(action);
      case 'terminal-open':
      case 'terminal-input':
      case 'terminal-resize':
      case 'terminal-credit':
      case 'terminal-close':
        if (!this.options.terminal) return notImplemented(action);
        this.options.terminal(action, payload);
        return { status: 'ok' };
      case 'docker-list':
      case 'docker-inspect':
      case 'docker-action':
      case 'docker-logs-start':
      case 'docker-logs-stop':
        return this.options.docker ? this.options.docker(action, payload) : notImplemented(action);
      case 'ping-tasks-sync':
        return this.options.probes
          ? ok(this.options.probes(payload as PingTasksSyncRequest))
          : notImplemented(action);
      default:
        // An extension whose capability this host enabled but this agent version does not implement.
        return notImplemented(action);
    }
  }
}

function ok(data: unknown): ResponsePayload {
  return { status: 'ok', data };
}

function notImplemented(action: string): ResponsePayload {
  return { status: 'error', message: `'${action}' is not implemented by this agent version` };
}
