import { Injectable } from '@nestjs/common';
import type {
  AgentConfigRequest,
  AgentRequestAction,
  AgentRequestPayload,
  AgentResponseData,
  ProcessDetail,
  ProcessSummary,
  ServerInfo,
  ServiceDetail,
  ServiceLogLine,
  ServiceSummary,
} from '@hivewatch/protocol';
import { RpcClient } from '../agents/rpc/rpc-client.js';
import { AuditService } from '../audit/audit.service.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { ServerAgentState } from '../servers/server-agent-state.js';
import { ServersService } from '../servers/servers.service.js';

/**
 * Host requests relayed to the server's agent. 404 for an unknown server; the RPC client's errors
 * (409 offline/unsupported, 504 timeout, 502 agent error) pass through. Mutations are audited with
 * their outcome; agent settings the agent accepted are remembered on the server record.
 */
@Injectable()
export class HostsService {
  constructor(
    private readonly servers: ServersService,
    private readonly agentState: ServerAgentState,
    private readonly rpc: RpcClient,
    private readonly audit: AuditService,
  ) {}

  info(serverId: string): Promise<ServerInfo> {
    return this.ask(serverId, 'get-server-info', null);
  }

  services(serverId: string): Promise<ServiceSummary[]> {
    return this.ask(serverId, 'get-services', null);
  }

  service(serverId: string, name: string): Promise<ServiceDetail> {
    return this.ask(serverId, 'get-service', { name });
  }

  serviceLog(serverId: string, name: string): Promise<ServiceLogLine[]> {
    return this.ask(serverId, 'get-service-log', { name });
  }

  processes(serverId: string): Promise<ProcessSummary[]> {
    return this.ask(serverId, 'get-processes', null);
  }

  process(serverId: string, pid: number): Promise<ProcessDetail> {
    return this.ask(serverId, 'get-process', { pid });
  }

  async restartService(serverId: string, name: string, ctx: ActorContext): Promise<{ status: 'ok' }> {
    await this.audited(serverId, 'server.service.restart', { service: name }, ctx, () =>
      this.ask(serverId, 'restart-service', { name }),
    );
    return { status: 'ok' };
  }

  async updateAgentConfig(
    serverId: string,
    config: AgentConfigRequest,
    ctx: ActorContext,
  ): Promise<{ status: 'ok' }> {
    await this.audited(serverId, 'server.agent-config.update', { ...config }, ctx, () =>
      this.ask(serverId, 'update-agent-config', config),
    );
    // only now: an agent that refused, failed or did not answer keeps what it had
    await this.agentState.recordAgentConfig(serverId, config);
    return { status: 'ok' };
  }

  private async ask<A extends AgentRequestAction>(
    serverId: string,
    action: A,
    payload: AgentRequestPayload<A>,
  ): Promise<AgentResponseData<A>> {
    await this.servers.get(serverId); // 404 before anything else
    return this.rpc.request(serverId, action, payload);
  }

  private async audited(
    serverId: string,
    action: string,
    detail: Record<string, unknown>,
    ctx: ActorContext,
    run: () => Promise<unknown>,
  ): Promise<void> {
    await this.servers.get(serverId);
    try {
      await run();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      await this.audit.record({
        ...ctx,
        action,
        outcome: 'failure',
        target: { type: 'server', id: serverId },
        detail: { ...detail, status, error: (err as Error).message },
      });
      throw err;
    }
    await this.audit.record({ ...ctx, action, target: { type: 'server', id: serverId }, detail });
  }
}
