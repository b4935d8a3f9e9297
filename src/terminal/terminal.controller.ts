import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@hivewatch/protocol';
import { StepUp } from '../auth/step-up/step-up.decorator.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { TerminalTicketsService } from './terminal-tickets.service.js';

@ApiTags('terminal')
@Controller('servers/:id/terminal')
export class TerminalController {
  constructor(private readonly tickets: TerminalTicketsService) {}

  @Post('tickets')
  @StepUp()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'A single-use ticket (60 s) for /api/v1/ws/terminal: admins in a console session, after step-up; audited',
  })
  @ApiResponse({
    status: 403,
    description: 'not an admin console session (API keys and access tokens never)',
  })
  @ApiResponse({ status: 409, description: "the host's agent does not have the terminal capability" })
  @ApiResponse({ status: 429, description: 'too many unused tickets' })
  issue(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext) {
    return this.tickets.issue(id, actor);
  }
}
