import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { HostsController } from './hosts.controller.js';
import { HostsService } from './hosts.service.js';

/** REST routes that relay host requests (services, processes, agent config) to the server's agent. */
@Module({
  imports: [AgentsModule, ServersModule],
  controllers: [HostsController],
  providers: [HostsService],
})
export class HostsModule {}
