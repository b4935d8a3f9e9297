import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  activeAlertQuerySchema,
  alertQuerySchema,
  type ActiveAlertQuery,
  type AlertQuery,
} from '@hivewatch/protocol';
import { AlertStore } from './alert-store.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly store: AlertStore,
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
}
