import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  confirmTotpSchema,
  type ConfirmTotpInput,
  type RecoveryCodes,
  type TotpEnrollment,
} from '@hivewatch/protocol';
import { Access, AllowedBeforeEnrollment } from '../../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { StepUp } from '../step-up/step-up.decorator.js';
import { SecondFactorService } from './second-factor.service.js';

@ApiTags('auth')
@Controller('auth/second-factor')
@Access('session')
export class SecondFactorController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @Post('totp')
  @AllowedBeforeEnrollment()
  @ApiOperation({ summary: 'Start a TOTP enrollment: secret, otpauth URL and QR code, shown once' })
  enroll(@CurrentPrincipal() principal: Principal, @ClientIp() ip: string | null): Promise<TotpEnrollment> {
    return this.secondFactor.enroll(principal, ip);
  }

  @Post('totp/confirm')
  @AllowedBeforeEnrollment()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the TOTP enrollment with a code; answers 10 recovery codes, shown once' })
  confirm(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: confirmTotpSchema }) body: ConfirmTotpInput,
    @ClientIp() ip: string | null,
  ): Promise<RecoveryCodes> {
    return this.secondFactor.confirm(principal, body.code, ip);
  }

  @Delete('totp')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn the second factor off (step-up)' })
  async disable(@CurrentPrincipal() principal: Principal, @ClientIp() ip: string | null): Promise<void> {
    await this.secondFactor.disable(principal, ip);
  }

  @Post('recovery-codes')
  @StepUp()
  @ApiOperation({ summary: 'Replace the recovery codes with 10 new ones, shown once (step-up)' })
  regenerate(
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<RecoveryCodes> {
    return this.secondFactor.regenerateRecoveryCodes(principal, ip);
  }
}
