import type { LinkedIdentity } from '@hivewatch/protocol';
import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { IdentitiesService } from './identities.service.js';

@ApiTags('auth')
@Controller('auth/identities')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: 'Your identities at sign-in providers' })
  list(@CurrentPrincipal() principal: Principal): Promise<LinkedIdentity[]> {
    return this.identities.listFor(principal.userId);
  }

  @Delete(':id')
  @Access('authenticated')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink one of your identities (refused when it is your last way to sign in)' })
  async unlink(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: z.uuid() }) id: string,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.identities.unlink(principal, id, ip);
  }
}
