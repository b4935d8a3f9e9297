import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  updateAuthSettingsSchema,
  type AuthSettings,
  type UpdateAuthSettingsInput,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { AuthPolicyService } from './auth-policy.service.js';
import { AuthSettingsService } from './auth-settings.service.js';
import { StepUp } from './step-up/step-up.decorator.js';

@ApiTags('settings')
@Controller('settings/auth')
@Access('admin')
export class AuthSettingsController {
  constructor(
    private readonly settings: AuthSettingsService,
    private readonly policy: AuthPolicyService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Sign-in policy: registration, linking, mandatory 2FA for admins, local sign-in (admin)',
  })
  get(): Promise<AuthSettings> {
    return this.settings.get();
  }

  @Put()
  @StepUp()
  @ApiOperation({ summary: 'Change the sign-in policy (admin, step-up); audited' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: updateAuthSettingsSchema }) body: UpdateAuthSettingsInput,
    @ClientIp() ip: string | null,
  ): Promise<AuthSettings> {
    return this.policy.update(principal, body, ip);
  }
}
