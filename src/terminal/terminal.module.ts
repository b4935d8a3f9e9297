import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { Heartbeat } from '../live/heartbeat.js';
import { ServersModule } from '../servers/servers.module.js';
import { TerminalLimits } from './relay/terminal-limits.js';
import { TerminalOpener } from './relay/terminal-opener.js';
import { TerminalRelayJobs } from './relay/terminal-relay.jobs.js';
import { TerminalRelaysModule } from './relay/terminal-relays.module.js';
import { TerminalGateway } from './relay/terminal.gateway.js';
import { TerminalSessionsController } from './sessions/terminal-sessions.controller.js';
import { TerminalSessionsModule } from './sessions/terminal-sessions.module.js';
import { TerminalSessionsService } from './sessions/terminal-sessions.service.js';
import { TerminalController } from './terminal.controller.js';
import { TerminalTicketsService } from './terminal-tickets.service.js';

/** The Terminal (docs/terminal.md): tickets, the `/api/v1/ws/terminal` relay, the session records. */
@Module({
  imports: [ServersModule, TerminalSessionsModule, TerminalRelaysModule, AgentsModule, AuthModule],
  controllers: [TerminalController, TerminalSessionsController],
  providers: [
    TerminalTicketsService,
    TerminalSessionsService,
    // the `/api/v1/ws/terminal` relay
    TerminalGateway,
    TerminalOpener,
    TerminalLimits,
    TerminalRelayJobs,
    Heartbeat,
    IntervalJobs,
  ],
  exports: [TerminalTicketsService, TerminalSessionsModule],
})
export class TerminalModule {}
