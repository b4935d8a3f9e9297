import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { actorContext } from '../servers/actor-context.js';
import { AlertRulesService } from './alert-rules.service.js';
import {
  createRuleSchema,
  updateRuleSchema,
  type CreateRuleInput,
  type UpdateRuleInput,
} from './dto/alert-rule.dto.js';
import { uuidParam } from '../common/http/query-schemas.js';

@ApiTags('alerts')
@Controller('alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  @ApiOperation({ summary: 'Alert rules' })
  list() {
    return this.rules.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert rule' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.rules.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create an alert rule (admin)' })
  create(
    @Body({ schema: createRuleSchema }) body: CreateRuleInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.rules.create(body, actorContext(principal, ip));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an alert rule; its duration windows start again (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateRuleSchema }) body: UpdateRuleInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.rules.update(id, body, actorContext(principal, ip));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an alert rule; its firing alerts resolve with a notice (admin)' })
  async remove(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.rules.remove(id, actorContext(principal, ip));
  }
}
