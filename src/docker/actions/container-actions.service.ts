import { ConflictException, Injectable } from '@nestjs/common';
import type { ContainerActionResult, DockerAction, DockerInspect } from '@hivewatch/protocol';
import type { AgentConnection } from '../../agents/agent-connection.js';
import { AgentRegistry } from '../../agents/agent-registry.js';
import { AgentOfflineError } from '../../agents/rpc/rpc-errors.js';
import { RpcClient } from '../../agents/rpc/rpc-client.js';
import { AuditService } from '../../audit/audit.service.js';
import type { ActorContext } from '../../common/auth/actor-context.js';
import type { ServerApiView } from '../../servers/dto/server.dto.js';
import { ServersService } from '../../servers/servers.service.js';
import { DockerLiveState } from '../docker-live.service.js';
import { type ContainerLabel, labelContainer } from './container-ref.js';
import {
  type DockerGateDecision,
  type DockerGateInput,
  gateDockerAction,
  gateDockerRead,
} from './docker-gate.js';

/** `stop` waits for the engine's grace period (10 s) before it kills; `remove` may stop first. */
export const DOCKER_ACTION_TIMEOUT_MS = 60_000;
export const DOCKER_INSPECT_TIMEOUT_MS = 15_000;

/**
 * Container actions and inspect, relayed to the server's agent: 404 for an unknown server, then
 * 409 when the agent is offline or may not do it (docker-gate.ts), then the RPC client's answers
 * (502 with the agent's message, 504 timeout). Every action attempt is audited with its outcome.
 */
@Injectable()
export class ContainerActionsService {
  constructor(
    private readonly servers: ServersService,
    private readonly registry: AgentRegistry,
    private readonly rpc: RpcClient,
    private readonly audit: AuditService,
    private readonly docker: DockerLiveState,
  ) {}

  async act(
    serverId: string,
    containerRef: string,
    action: DockerAction,
    ctx: ActorContext,
  ): Promise<ContainerActionResult> {
    const server = await this.servers.get(serverId); // 404 first
    const label = this.label(serverId, containerRef);
    try {
      const conn = this.check(server, (gate) => gateDockerAction(gate, action));
      const result = await this.rpc.request(
        serverId,
        'docker-action',
        { containerId: containerRef, action },
        // A seed-001 agent keeps no response cache: a re-send after a reconnect could act twice.
        { timeoutMs: DOCKER_ACTION_TIMEOUT_MS, resend: conn.dialect !== 'simple' },
      );
      const message = result?.message ?? null;
      await this.record(ctx, server, label, action, { outcome: 'success', message });
      return { ok: true, action, message };
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      await this.record(ctx, server, label, action, {
        outcome: 'failure',
        status,
        message: (err as Error).message,
      });
      throw err;
    }
  }

  async inspect(serverId: string, containerRef: string): Promise<DockerInspect> {
    const server = await this.servers.get(serverId);
    this.check(server, gateDockerRead);
    // Validated by the protocol's dockerInspectSchema on the way in: an allow-list, so no Env.
    return this.rpc.request(
      serverId,
      'docker-inspect',
      { containerId: containerRef },
      { timeoutMs: DOCKER_INSPECT_TIMEOUT_MS },
    );
  }

  /** The server's last listed container `ref` names, for audit entries. */
  label(serverId: string, containerRef: string): ContainerLabel {
    return labelContainer(this.docker.snapshot(serverId)?.containers, containerRef);
  }

  /** 409 unless the server's live agent passes `gate`. */
  check(server: ServerApiView, gate: (input: DockerGateInput) => DockerGateDecision): AgentConnection {
    const conn = this.registry.get(server.id);
    if (!conn?.dialect) throw new AgentOfflineError(server.id);
    const decision = gate({
      dialect: conn.dialect,
      capabilities: conn.capabilities,
      simpleCommands: server.simpleCommands === true,
    });
    if (!decision.ok) throw new ConflictException(decision.message);
    return conn;
  }

  private record(
    ctx: ActorContext,
    server: ServerApiView,
    label: ContainerLabel,
    action: DockerAction,
    result: { outcome: 'success' | 'failure'; message: string | null; status?: number },
  ): Promise<void> {
    const { outcome, ...rest } = result;
    return this.audit.record({
      ...ctx,
      action: 'docker.container.action',
      outcome,
      target: { type: 'server', id: server.id },
      detail: { serverName: server.name, ...label, action, ...rest },
    });
  }
}
