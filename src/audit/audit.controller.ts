import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditQuerySchema, type AuditQuery } from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Audit trail, newest first (admin)' })
  list(@Query({ schema: auditQuerySchema }) query: AuditQuery) {
    return this.audit.list(query);
  }
}
