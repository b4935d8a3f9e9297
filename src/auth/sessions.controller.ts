import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('auth')
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ summary: "The caller's live console sessions (the current one is flagged)" })
  list(@CurrentPrincipal() principal: Principal) {
    return this.sessions.listForUser(principal.userId, principal.sessionId);
  }

  @Delete(':id')
  @Access('authenticated')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your own sessions' })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: z.uuid() }) id: string,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.sessions.revokeOwn(principal, id, ip);
  }
}
