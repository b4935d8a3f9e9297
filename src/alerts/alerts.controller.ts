import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  acknowledgeAlertSchema,
  activeAlertQuerySchema,
  alertQuerySchema,
  snoozeAlertSchema,
  uuidParam,
  type AcknowledgeAlertInput,
  type ActiveAlertQuery,
  type AlertQuery,
  type SnoozeAlertInput,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { AlertAcksService } from './alert-acks.service.js';
import { AlertStore } from './alert-store.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly store: AlertStore,
    private readonly acks: AlertAcksService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Alert history (pending, firing and resolved episodes), newest first' })
  history(@Query({ schema: alertQuerySchema }) query: AlertQuery) {
    return this.store.history(query);
  }

  @Get('active')
  @ApiOperation({ summary: 'Pending and firing alerts now (from memory)' })
  active(@Query({ schema: activeAlertQuerySchema }) query: ActiveAlertQuery) {
    return this.alerts.activeAlerts(query.serverId);
  }

  // operators (any signed-in user with a write-capable credential) act on alerts, not only admins
  @Post(':id/acknowledge')
  @Access('authenticated')
  @ApiOperation({ summary: 'Acknowledge a firing alert: no repeat notification until it resolves' })
  acknowledge(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: acknowledgeAlertSchema }) body: AcknowledgeAlertInput,
    @Actor() actor: ActorContext,
  ) {
    return this.acks.acknowledge(id, body, actor);
  }

  @Post(':id/snooze')
  @Access('authenticated')
  @ApiOperation({ summary: 'Snooze a firing alert: no notification until the snooze ends (≤ 30 days)' })
  snooze(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: snoozeAlertSchema }) body: SnoozeAlertInput,
    @Actor() actor: ActorContext,
  ) {
    return this.acks.snooze(id, body, actor);
  }

  @Delete(':id/snooze')
  @Access('authenticated')
  @ApiOperation({ summary: 'End the snooze of a firing alert now' })
  unsnooze(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext) {
    return this.acks.unsnooze(id, actor);
  }
}
