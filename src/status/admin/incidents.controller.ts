import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createIncidentSchema,
  incidentListQuerySchema,
  incidentUpdateInputSchema,
  maintenanceInputSchema,
  updateIncidentSchema,
  uuidParam,
  type CreateIncidentInput,
  type IncidentList,
  type IncidentListQuery,
  type IncidentUpdateInput,
  type IncidentView,
  type MaintenanceInput,
  type MaintenanceList,
  type MaintenanceView,
  type UpdateIncidentInput,
} from '@hivewatch/protocol';
import { Access } from '../../common/auth/access.decorator.js';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { Actor } from '../../common/auth/actor.decorator.js';
import { IncidentsService } from './incidents.service.js';
import { MaintenanceService } from './maintenance.service.js';

/** Incidents and maintenance windows of a status page (admin). */
@ApiTags('status-pages')
@Controller('status-pages/:id')
@Access('admin')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly maintenance: MaintenanceService,
  ) {}

  @Get('incidents')
  @ApiOperation({ summary: "A page's incidents, newest first" })
  list(
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: incidentListQuerySchema }) query: IncidentListQuery,
  ): Promise<IncidentList> {
    return this.incidents.list(id, query);
  }

  @Post('incidents')
  @ApiOperation({ summary: 'Open an incident with its first update' })
  create(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: createIncidentSchema }) body: CreateIncidentInput,
    @Actor() actor: ActorContext,
  ): Promise<IncidentView> {
    return this.incidents.create(id, body, actor);
  }

  @Patch('incidents/:incidentId')
  @ApiOperation({ summary: "Edit an incident's title, impact or components" })
  edit(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('incidentId', { schema: uuidParam }) incidentId: string,
    @Body({ schema: updateIncidentSchema }) body: UpdateIncidentInput,
    @Actor() actor: ActorContext,
  ): Promise<IncidentView> {
    return this.incidents.edit(id, incidentId, body, actor);
  }

  @Post('incidents/:incidentId/updates')
  @ApiOperation({ summary: 'Post an update; its status becomes the incident’s (resolved closes it)' })
  addUpdate(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('incidentId', { schema: uuidParam }) incidentId: string,
    @Body({ schema: incidentUpdateInputSchema }) body: IncidentUpdateInput,
    @Actor() actor: ActorContext,
  ): Promise<IncidentView> {
    return this.incidents.addUpdate(id, incidentId, body, actor);
  }

  @Delete('incidents/:incidentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an incident and its updates' })
  async remove(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('incidentId', { schema: uuidParam }) incidentId: string,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    await this.incidents.remove(id, incidentId, actor);
  }

  @Get('maintenance')
  @ApiOperation({ summary: "A page's maintenance windows, latest start first (at most 200)" })
  windows(@Param('id', { schema: uuidParam }) id: string): Promise<MaintenanceList> {
    return this.maintenance.list(id);
  }

  @Post('maintenance')
  @ApiOperation({ summary: 'Plan a maintenance window (its servers’ alerts do not notify while it runs)' })
  plan(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: maintenanceInputSchema }) body: MaintenanceInput,
    @Actor() actor: ActorContext,
  ): Promise<MaintenanceView> {
    return this.maintenance.create(id, body, actor);
  }

  @Put('maintenance/:windowId')
  @ApiOperation({ summary: 'Replace a maintenance window' })
  replan(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('windowId', { schema: uuidParam }) windowId: string,
    @Body({ schema: maintenanceInputSchema }) body: MaintenanceInput,
    @Actor() actor: ActorContext,
  ): Promise<MaintenanceView> {
    return this.maintenance.replace(id, windowId, body, actor);
  }

  @Delete('maintenance/:windowId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a maintenance window' })
  async cancel(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('windowId', { schema: uuidParam }) windowId: string,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    await this.maintenance.remove(id, windowId, actor);
  }
}
