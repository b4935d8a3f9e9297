import { Module } from '@nestjs/common';
import { ClockModule } from '../common/auth/clock.js';
import { RecordsModule } from '../records/records.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { AgentAuthenticator } from './agent-authenticator.js';
import { AgentFrameHandler } from './agent-frame.handler.js';
import { AgentGateway } from './agent.gateway.js';
import { AgentPresence } from './agent-presence.js';
import { AgentRegistry } from './agent-registry.js';
import { AgentSessions } from './agent-sessions.js';
import { AgentsController } from './agents.controller.js';
import { AgentsJobs } from './agents.jobs.js';
import { AgentAuthRateLimiter } from './auth-rate-limiter.js';
import { GatewayStats } from './gateway-stats.js';
import { OutboxAcks } from './outbox-acks.js';
import { RequestIds } from './rpc/request-ids.js';
import { RpcClient } from './rpc/rpc-client.js';

/**
 * The agent gateway: the WebSocket endpoint both agent dialects connect to, the connection registry
 * and presence, sample intake with outbox acks, and the RPC client for hub → agent requests.
 * Exports what the live streams and the host routes use.
 */
@Module({
  imports: [ClockModule, ServersModule, RecordsModule],
  controllers: [AgentsController],
  providers: [
    GatewayStats,
    AgentRegistry,
    AgentPresence,
    AgentAuthRateLimiter,
    AgentAuthenticator,
    AgentSessions,
    AgentFrameHandler,
    AgentGateway,
    OutboxAcks,
    RequestIds,
    RpcClient,
    AgentsJobs,
  ],
  exports: [RpcClient, AgentRegistry, AgentPresence, GatewayStats],
})
export class AgentsModule {}
