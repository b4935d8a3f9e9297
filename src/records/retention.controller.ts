import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { retentionUpdateSchema, type RetentionUpdate, type RetentionView } from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { RetentionSettingsService } from './retention-settings.service.js';

@ApiTags('settings')
@Controller('settings/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'How long minute and hourly history rows are kept, in days' })
  get(): Promise<RetentionView> {
    return this.retention.get();
  }

  @Put()
  @Access('admin')
  @ApiOperation({ summary: 'Change history retention per table (admin; audited)' })
  update(
    @Body({ schema: retentionUpdateSchema }) body: RetentionUpdate,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ): Promise<RetentionView> {
    return this.retention.update(body, principal ?? { via: 'anonymous' }, ip);
  }
}
