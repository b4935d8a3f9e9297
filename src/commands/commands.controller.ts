import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  commandRunQuerySchema,
  createCommandRunSchema,
  uuidParam,
  type CommandRunQuery,
  type CreateCommandRun,
} from '@hivewatch/protocol';
import { StepUp } from '../auth/step-up/step-up.decorator.js';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { CommandEventsService } from './command-events.service.js';
import { CommandRunsService } from './command-runs.service.js';

@ApiTags('commands')
@Access('admin')
@Controller('commands')
export class CommandsController {
  constructor(
    private readonly commands: CommandRunsService,
    private readonly live: CommandEventsService,
  ) {}

  @Post()
  @StepUp()
  @ApiOperation({ summary: 'Run a command on servers chosen by id, group or tag (admin, step-up)' })
  create(
    @CurrentPrincipal() actor: Principal,
    @Body({ schema: createCommandRunSchema }) body: CreateCommandRun,
    @ClientIp() ip: string | null,
  ) {
    return this.commands.create(actor, body, ip);
  }

  @Get()
  @ApiOperation({ summary: 'Command runs, newest first (admin)' })
  list(@Query({ schema: commandRunQuerySchema }) query: CommandRunQuery) {
    return this.commands.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A command run with one record per target (admin)' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.commands.get(id);
  }

  @Get(':id/events')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'The run live as Server-Sent Events: snapshot, target, output, run; ends when the run is final (admin)',
  })
  events(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() actor: Principal,
    @Res() res: Response,
  ): Promise<void> {
    return this.live.follow(id, actor, res);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @StepUp()
  @ApiOperation({ summary: 'Cancel a run: queued targets end, running commands are killed (admin, step-up)' })
  cancel(
    @CurrentPrincipal() actor: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @ClientIp() ip: string | null,
  ) {
    return this.commands.cancel(actor, id, ip);
  }
}
