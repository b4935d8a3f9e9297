import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { UnlockSignInResult } from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { AuthService } from './auth.service.js';

/** Lives with sign-in (which owns the throttle) although its path is under /users. */
@ApiTags('users')
@Access('admin')
@Controller('users')
export class SignInUnlockController {
  constructor(private readonly auth: AuthService) {}

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({
    summary: "Forget a user's failed sign-ins (admin): their sign-in delay and every address's backoff end",
  })
  unlock(
    @CurrentPrincipal() actor: Principal,
    @Param('id', { schema: z.uuid() }) id: string,
    @ClientIp() ip: string | null,
  ): Promise<UnlockSignInResult> {
    return this.auth.unlockSignIn(actor, id, ip);
  }
}
