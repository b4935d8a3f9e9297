import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/auth/access.decorator.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Access('public')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and database health; 503 when the database is unreachable' })
  async get(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.report();
    if (report.status !== 'ok') res.status(503);
    return report;
  }
}
