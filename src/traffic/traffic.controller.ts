import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  trafficHistoryQuerySchema,
  trafficSettingsSchema,
  type TrafficHistoryQuery,
  type TrafficSettingsInput,
  uuidParam,
} from '@hivewatch/protocol';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { TrafficQueryService } from './traffic-query.service.js';
import { TrafficSettingsService } from './traffic-settings.service.js';

@ApiTags('traffic')
@Controller('servers/:id/traffic')
export class TrafficController {
  constructor(
    private readonly traffic: TrafficQueryService,
    private readonly settingsService: TrafficSettingsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Current billing-cycle usage (in/out bytes) with a linear projection' })
  usage(@Param('id', { schema: uuidParam }) id: string) {
    return this.traffic.usageView(id);
  }

  @Get('history')
  @ApiOperation({ summary: 'Hourly or daily in/out bytes' })
  history(
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: trafficHistoryQuerySchema }) query: TrafficHistoryQuery,
  ) {
    return this.traffic.history(id, query);
  }

  @Put('settings')
  @ApiOperation({ summary: 'Billing cycle (monthly/quarterly/yearly, start day) and optional quota (admin)' })
  async settings(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: trafficSettingsSchema }) body: TrafficSettingsInput,
    @Actor() actor: ActorContext,
  ) {
    await this.settingsService.update(id, body, actor);
    return this.traffic.usageView(id);
  }
}
