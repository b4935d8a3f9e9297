import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  createApiKeySchema,
  listApiKeysQuerySchema,
  type CreateApiKeyInput,
  type ListApiKeysQuery,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { bodyField, StepUp } from '../auth/step-up/step-up.decorator.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @Access('authenticated')
  @StepUp({ when: (req) => ['admin', 'ops'].includes(String(bodyField(req, 'scope'))) })
  @ApiOperation({
    summary:
      'Create an API key; the key is in this answer only (users may create read keys only; admin and ops keys need step-up, ops keys an admin)',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: createApiKeySchema }) body: CreateApiKeyInput,
    @ClientIp() ip: string | null,
  ) {
    return this.apiKeys.create(principal, body, ip);
  }

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'List your API keys (admins: ?all=true for every key)' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listApiKeysQuerySchema }) query: ListApiKeysQuery,
  ) {
    return this.apiKeys.list(principal, query.all);
  }

  @Delete(':id')
  @Access('authenticated')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key (its owner or an admin)' })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: z.uuid() }) id: string,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.apiKeys.revoke(principal, id, ip);
  }
}
