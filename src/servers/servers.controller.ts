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
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import { actorContext } from './actor-context.js';
import { agentWsUrl, buildAgentCommand } from './agent-command.js';
import {
  createServerSchema,
  serverQuerySchema,
  updateServerSchema,
  type CreateServerInput,
  type ServerQuery,
  type ServerWithToken,
  type UpdateServerInput,
} from './dto/server.dto.js';
import { ServersService } from './servers.service.js';
import { uuidParam } from '../common/http/query-schemas.js';

@ApiTags('servers')
@Controller('servers')
export class ServersController {
  constructor(
    private readonly servers: ServersService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List servers with filters, sorting and pagination' })
  list(@Query({ schema: serverQuerySchema }) query: ServerQuery) {
    return this.servers.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One server (never its token)' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.servers.get(id);
  }

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Add a server; answers its agent token once, with a ready-to-paste agent command (admin)',
  })
  async create(
    @Body({ schema: createServerSchema }) body: CreateServerInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
    @Req() req: Request,
  ): Promise<ServerWithToken> {
    const { server, token } = await this.servers.create(body, actorContext(principal, ip));
    return { server, token, agentCommand: this.agentCommand(req, server.id, token) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, group, tags, notes, pricing, expiry or display order (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateServerSchema }) body: UpdateServerInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.servers.update(id, body, actorContext(principal, ip));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a server; its agent token stops working at once (admin)' })
  async remove(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.servers.remove(id, actorContext(principal, ip));
  }

  @Post(':id/token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Rotate the agent token: the new one is answered once, the old one stops working (admin)',
  })
  async rotateToken(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
    @Req() req: Request,
  ): Promise<ServerWithToken> {
    const { server, token } = await this.servers.rotateToken(id, actorContext(principal, ip));
    return { server, token, agentCommand: this.agentCommand(req, server.id, token) };
  }

  private agentCommand(req: Request, id: string, token: string): string {
    return buildAgentCommand(agentWsUrl(this.config.publicUrl, req), id, token);
  }
}
