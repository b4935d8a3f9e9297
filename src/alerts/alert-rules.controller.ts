import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createRuleSchema,
  updateRuleSchema,
  type CreateRuleInput,
  type UpdateRuleInput,
  uuidParam,
} from '@hivewatch/protocol';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { AlertRulesService } from './alert-rules.service.js';

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
  create(@Body({ schema: createRuleSchema }) body: CreateRuleInput, @Actor() actor: ActorContext) {
    return this.rules.create(body, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an alert rule; its duration windows start again (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateRuleSchema }) body: UpdateRuleInput,
    @Actor() actor: ActorContext,
  ) {
    return this.rules.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an alert rule; its firing alerts resolve with a notice (admin)' })
  async remove(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.rules.remove(id, actor);
  }
}
