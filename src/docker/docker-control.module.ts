import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { ContainerActionsController } from './actions/container-actions.controller.js';
import { ContainerActionsService } from './actions/container-actions.service.js';
import { DockerModule } from './docker.module.js';
import { ContainerLogsController } from './logs/container-logs.controller.js';
import { ContainerLogsService } from './logs/container-logs.service.js';

/**
 * The Docker control side: container actions (admin, step-up, audited), inspect and log streams
 * (admins), relayed to the server's agent. Docker data (containers, figures, events) is DockerModule.
 */
@Module({
  imports: [AgentsModule, ServersModule, DockerModule],
  controllers: [ContainerActionsController, ContainerLogsController],
  providers: [ContainerActionsService, ContainerLogsService],
  exports: [ContainerLogsService],
})
export class DockerControlModule {}
