import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  containerHistoryQuerySchema,
  containerHistorySchema,
  containerListQuerySchema,
  containerListSchema,
  dockerEventListSchema,
  dockerEventQuerySchema,
  serverContainersSchema,
  uuidParam,
  type ContainerHistory,
  type ContainerHistoryQuery,
  type ContainerList,
  type ContainerListQuery,
  type DockerEventList,
  type DockerEventQuery,
  type ServerContainers,
} from '@hivewatch/protocol';
import { z } from 'zod';
import { Clock } from '../../common/auth/clock.js';
import { ContainerHistoryService } from './container-history.js';
import { ContainerViews } from './container-views.js';
import { DockerEventsService } from './docker-events.service.js';

const containerIdParam = z.string().regex(/^[a-f0-9]{64}$/, { error: 'must be a 64-digit container id' });
const openApi = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as object;

/** Containers, their figures and events as the hub stored them (docs/docker.md). Reads only. */
@ApiTags('docker')
@Controller()
export class DockerDataController {
  constructor(
    private readonly views: ContainerViews,
    private readonly history: ContainerHistoryService,
    private readonly events: DockerEventsService,
    private readonly clock: Clock,
  ) {}

  @Get('servers/:id/containers')
  @ApiOperation({
    summary: "A server's containers: present ones with live figures, and those removed in the last day",
  })
  @ApiOkResponse({ schema: openApi(serverContainersSchema) })
  containers(@Param('id', { schema: uuidParam }) id: string): Promise<ServerContainers> {
    return this.views.ofServer(id, this.clock.now());
  }

  @Get('containers')
  @ApiOperation({
    summary: 'Containers of the whole fleet: search by name, image or server name; filter; page',
  })
  @ApiOkResponse({ schema: openApi(containerListSchema) })
  search(@Query({ schema: containerListQuerySchema }) query: ContainerListQuery): Promise<ContainerList> {
    return this.views.search(query);
  }

  @Get('servers/:id/containers/:containerId/history')
  @ApiOperation({
    summary: "A container's figures per minute (avg) or hour (avg, max) and its running share",
  })
  @ApiOkResponse({ schema: openApi(containerHistorySchema) })
  containerHistory(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('containerId', { schema: containerIdParam }) containerId: string,
    @Query({ schema: containerHistoryQuerySchema }) query: ContainerHistoryQuery,
  ): Promise<ContainerHistory> {
    return this.history.query(id, containerId, query, this.clock.now());
  }

  @Get('servers/:id/docker/events')
  @ApiOperation({
    summary: "A server's container events (start, die with exit code, health...), newest first",
  })
  @ApiOkResponse({ schema: openApi(dockerEventListSchema) })
  serverEvents(
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: dockerEventQuerySchema }) query: DockerEventQuery,
  ): Promise<DockerEventList> {
    return this.events.list(query, id);
  }

  @Get('docker/events')
  @ApiOperation({ summary: 'Container events of the whole fleet, newest first' })
  @ApiOkResponse({ schema: openApi(dockerEventListSchema) })
  fleetEvents(@Query({ schema: dockerEventQuerySchema }) query: DockerEventQuery): Promise<DockerEventList> {
    return this.events.list(query);
  }
}
