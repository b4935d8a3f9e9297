import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/auth/access.decorator.js';
import { SeriesRegistry } from '../records/series.registry.js';
import { AgentPresence } from './agent-presence.js';
import { AgentRegistry } from './agent-registry.js';
import { GatewayStats, type GatewayStatsSnapshot } from './gateway-stats.js';
import { RpcClient } from './rpc/rpc-client.js';

export interface AgentGatewayStatsView extends GatewayStatsSnapshot {
  /** Authenticated agent connections right now. */
  connected: number;
  online: number;
  pendingRequests: number;
  /** Filesystem/interface labels left out of records because a server reached its label cap. */
  labelsDropped: number;
}

@ApiTags('agents')
@Controller('agents')
export class AgentsController {
  constructor(
    private readonly stats: GatewayStats,
    private readonly registry: AgentRegistry,
    private readonly presence: AgentPresence,
    private readonly rpc: RpcClient,
    private readonly series: SeriesRegistry,
  ) {}

  @Get('stats')
  @Access('admin')
  @ApiOperation({
    summary:
      'Agent gateway counters: connections, authentications, samples, refused frames by reason (admin)',
  })
  get(): AgentGatewayStatsView {
    return {
      ...this.stats.snapshot(),
      connected: this.registry.size,
      online: this.presence.onlineServerIds().length,
      pendingRequests: this.rpc.pendingCount,
      labelsDropped: this.series.labelsDropped(),
    };
  }
}
