import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentTokenService } from './agent-token.service.js';
import { AgentTokenVerifier } from './agent-token.verifier.js';
import { EnrollmentKey } from './enrollment-key.entity.js';
import { EnrollmentKeysController } from './enrollment-keys.controller.js';
import { EnrollmentKeysService } from './enrollment-keys.service.js';
import { EnrollmentService } from './enrollment.service.js';
import { GroupsController } from './groups.controller.js';
import { GroupsService } from './groups.service.js';
import { ServerAgentState } from './server-agent-state.js';
import { ServerAnswers } from './server-answers.js';
import { ServerCatalog } from './server-catalog.js';
import { ServerGroup } from './server-group.entity.js';
import { ServerTag } from './server-tag.entity.js';
import { Server } from './server.entity.js';
import { ServersController } from './servers.controller.js';
import { ServersService } from './servers.service.js';
import { TagsController } from './tags.controller.js';

/** Servers, groups, tags, the in-memory server catalog, agent tokens and enrollment. The agent gateway imports this module. */
@Module({
  imports: [TypeOrmModule.forFeature([Server, ServerGroup, ServerTag, EnrollmentKey])],
  controllers: [ServersController, TagsController, GroupsController, EnrollmentKeysController],
  providers: [
    AgentTokenService,
    AgentTokenVerifier,
    ServersService,
    ServerAgentState,
    ServerCatalog,
    ServerAnswers,
    GroupsService,
    EnrollmentKeysService,
    EnrollmentService,
  ],
  exports: [AgentTokenVerifier, ServersService, ServerAgentState, ServerCatalog, EnrollmentService],
})
export class ServersModule {}
