import { Module } from '@nestjs/common';
import { ServersModule } from '../servers/servers.module.js';
import { TerminalController } from './terminal.controller.js';
import { TerminalTicketsService } from './terminal-tickets.service.js';

/** The Terminal (docs/terminal.md): tickets now; the `/api/v1/ws/terminal` relay comes next. */
@Module({
  imports: [ServersModule],
  controllers: [TerminalController],
  providers: [TerminalTicketsService],
  exports: [TerminalTicketsService],
})
export class TerminalModule {}
