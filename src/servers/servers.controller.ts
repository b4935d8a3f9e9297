import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  createServerSchema,
  serverQuerySchema,
  updateServerSchema,
  type CreateServerInput,
  type ServerQuery,
  type UpdateServerInput,
  uuidParam,
} from '@hivewatch/protocol';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { bodyField, StepUp } from '../auth/step-up/step-up.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { hubPublicUrl } from '../config/public-url.js';
import { buildAgentCommand } from './agent-command.js';
import type { ServerAnswer, ServerWithToken } from './dto/server.dto.js';
import { ServerAnswers } from './server-answers.js';
import { ServersService } from './servers.service.js';

@ApiTags('servers')
@Controller('servers')
export class ServersController {
  constructor(
    private readonly servers: ServersService,
    private readonly answers: ServerAnswers,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List servers with filters, sorting and pagination' })
  async list(
    @Query({ schema: serverQuerySchema }) query: ServerQuery,
  ): Promise<{ items: ServerAnswer[]; total: number }> {
    return this.answers.page(await this.servers.list(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One server (never its token)' })
  async get(@Param('id', { schema: uuidParam }) id: string): Promise<ServerAnswer> {
    return this.answers.one(await this.servers.get(id));
  }

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Add a server; answers its agent token once, with a ready-to-paste agent command (admin)',
  })
  async create(
    @Body({ schema: createServerSchema }) body: CreateServerInput,
    @Actor() actor: ActorContext,
    @Req() req: Request,
  ): Promise<ServerWithToken> {
    const { server, token } = await this.servers.create(body, actor);
    return {
      server: this.answers.one(server),
      token,
      agentCommand: this.agentCommand(req, server.id, token),
    };
  }

  @Patch(':id')
  // Switching terminal recording or seed-001 commands for a server is a security setting: step-up.
  @StepUp({
    when: (req) =>
      bodyField(req, 'terminalRecording') !== undefined || bodyField(req, 'simpleCommands') !== undefined,
  })
  @ApiOperation({
    summary:
      'Change name, group, tags, notes, pricing, expiry, display order, terminal recording or seed-001 commands (admin; step-up for terminalRecording and simpleCommands)',
  })
  async update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateServerSchema }) body: UpdateServerInput,
    @Actor() actor: ActorContext,
  ): Promise<ServerAnswer> {
    return this.answers.one(await this.servers.update(id, body, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a server; its agent token stops working at once (admin)' })
  async remove(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.servers.remove(id, actor);
  }

  @Post(':id/token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Rotate the agent token: the new one is answered once, the old one stops working (admin)',
  })
  async rotateToken(
    @Param('id', { schema: uuidParam }) id: string,
    @Actor() actor: ActorContext,
    @Req() req: Request,
  ): Promise<ServerWithToken> {
    const { server, token } = await this.servers.rotateToken(id, actor);
    return {
      server: this.answers.one(server),
      token,
      agentCommand: this.agentCommand(req, server.id, token),
    };
  }

  private agentCommand(req: Request, id: string, token: string): string {
    return buildAgentCommand(hubPublicUrl(this.config.publicUrl, req), id, token);
  }
}
