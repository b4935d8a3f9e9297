import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { stepUpSchema, type StepUpInput, type StepUpResult } from '@hivewatch/protocol';
import { Access } from '../../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { RetryAfterInterceptor } from '../retry-after.interceptor.js';
import { StepUpProofService } from './step-up-proof.service.js';

@ApiTags('auth')
@Controller('auth/step-up')
export class StepUpController {
  constructor(private readonly proofs: StepUpProofService) {}

  @Post()
  @Access('authenticated')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary:
      'Step-up: a TOTP code (or the password, without a second factor) lets dangerous actions through for a few minutes (429 when rate-limited)',
  })
  stepUp(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: stepUpSchema }) body: StepUpInput,
    @ClientIp() ip: string | null,
  ): Promise<StepUpResult> {
    return this.proofs.prove(principal, body, ip);
  }
}
