import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type ContainerLogsQuery,
  containerLogsQuerySchema,
  containerRefSchema,
  uuidParam,
} from '@hivewatch/protocol';
import { Access } from '../../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ContainerLogsService } from './container-logs.service.js';

/** A container's log as Server-Sent Events (docs/docker.md "Actions, inspect and logs"). */
@ApiTags('docker')
@Access('admin')
@Controller('servers/:id/containers/:containerId')
export class ContainerLogsController {
  constructor(private readonly streams: ContainerLogsService) {}

  @Get('logs')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      "A container's log as Server-Sent Events: the last `tail` lines, then (follow) new ones; events lines, dropped, end (admin: logs may hold secrets; audited)",
  })
  @ApiResponse({ status: 404, description: 'unknown server' })
  @ApiResponse({
    status: 409,
    description: "agent offline, or it cannot stream logs (no 'docker' capability; seed-001 agent)",
  })
  @ApiResponse({ status: 429, description: 'too many open log streams (4 per user, 8 per server)' })
  @ApiResponse({ status: 502, description: 'the agent refused the stream (e.g. no such container)' })
  @ApiResponse({ status: 504, description: 'the agent did not answer in time' })
  logs(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('containerId', { schema: containerRefSchema }) containerId: string,
    @Query({ schema: containerLogsQuerySchema }) query: ContainerLogsQuery,
    @CurrentPrincipal() actor: Principal,
    @ClientIp() ip: string | null,
    @Res() res: Response,
  ): Promise<void> {
    return this.streams.follow(id, containerId, query, actor, ip, res);
  }
}
