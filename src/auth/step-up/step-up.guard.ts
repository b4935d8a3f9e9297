import { STEP_UP_REQUIRED, type StepUpRequired } from '@hivewatch/protocol';
import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { decideStepUp } from '../../common/auth/access-policy.js';
import type { AuthenticatedRequest } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { AuthSettingsService } from '../auth-settings.service.js';
import { STEP_UP_KEY, type StepUpOptions } from './step-up.decorator.js';
import { StepUpMethodsService } from './step-up-methods.service.js';
import { StepUpService } from './step-up.service.js';

const OPS_SCOPE_REQUIRED =
  'This action needs step-up: an API key must have the ops scope (an admin creates one with step-up); this key does not';
const ACCESS_TOKEN_REFUSED =
  'This action needs step-up: access tokens cannot perform it; use the console or an API key with the ops scope';

/**
 * Step-up actions (`@StepUp()`): called by the global AccessGuard once the route's access level
 * let the principal through. See {@link decideStepUp}.
 */
@Injectable()
export class StepUpGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly stepUp: StepUpService,
    private readonly methods: StepUpMethodsService,
    private readonly settings: AuthSettingsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const options = this.reflector.getAllAndOverride<StepUpOptions | undefined>(STEP_UP_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!options || (options.when && !options.when(req))) return true;
    const principal = req.principal;
    if (!principal) throw new UnauthorizedException('Authentication required');
    const fresh = principal.session ? (await this.stepUp.freshUntil(principal.session)) !== null : false;
    switch (decideStepUp(principal, fresh)) {
      case 'allow':
        return true;
      case 'ops-scope-required':
        throw new ForbiddenException(OPS_SCOPE_REQUIRED);
      case 'access-token-refused':
        throw new ForbiddenException(ACCESS_TOKEN_REFUSED);
      case 'step-up-required':
        throw new UnauthorizedException(await this.requiredBody(principal));
    }
  }

  private async requiredBody(principal: Principal): Promise<StepUpRequired> {
    const maxAgeSeconds = (await this.settings.get()).stepUpMaxAgeSeconds;
    return {
      statusCode: 401,
      message: `This action needs a fresh proof of identity (step-up; a proof lasts ${maxAgeSeconds} s): POST /api/v1/auth/step-up`,
      reason: STEP_UP_REQUIRED,
      methods: await this.methods.forUser(principal.userId),
      maxAgeSeconds,
    };
  }
}
