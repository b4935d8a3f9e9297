import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { createRuleSchema, updateRuleSchema, uuidParam } from '@hivewatch/protocol';
import { CrudRoutes } from '../common/http/crud-routes.js';
import { AlertRulesService } from './alert-rules.service.js';

@ApiTags('alerts')
@Controller('alert-rules')
export class AlertRulesController extends CrudRoutes({
  service: AlertRulesService,
  createSchema: createRuleSchema,
  updateSchema: updateRuleSchema,
  summaries: {
    list: 'Alert rules',
    create: 'Create an alert rule (admin)',
    update: 'Change an alert rule; its duration windows start again (admin)',
    remove: 'Delete an alert rule; its firing alerts resolve with a notice (admin)',
  },
}) {
  constructor(private readonly rules: AlertRulesService) {
    super(rules);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert rule' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.rules.get(id);
  }
}
