import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ServerTag } from '../servers/server-tag.entity.js';
import { Server } from '../servers/server.entity.js';
import { CommandDispatcher } from './command-dispatcher.js';
import { CommandEventsService } from './command-events.service.js';
import { CommandRunFeed } from './command-run-feed.js';
import { CommandRunReader } from './command-run-reader.js';
import { CommandRun } from './command-run.entity.js';
import { CommandRunsService } from './command-runs.service.js';
import { CommandTarget } from './command-target.entity.js';
import { CommandsController } from './commands.controller.js';
import { TargetResolver } from './target-resolver.js';
import { TargetSender } from './target-sender.js';

/** Commands on one or many hosts (docs/commands.md): runs, per-target records, the fan-out. */
@Module({
  imports: [
    AgentsModule,
    AuditModule,
    TypeOrmModule.forFeature([CommandRun, CommandTarget, Server, ServerTag]),
  ],
  controllers: [CommandsController],
  providers: [
    CommandRunsService,
    CommandDispatcher,
    TargetSender,
    TargetResolver,
    CommandRunReader,
    CommandRunFeed,
    CommandEventsService,
  ],
  exports: [CommandRunsService],
})
export class CommandsModule {}
