import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { decideAccess, effectiveAccessLevel, isMutatingMethod } from '../common/auth/access-policy.js';
import {
  ACCESS_KEY,
  ALLOWED_BEFORE_ENROLLMENT_KEY,
  type AccessLevel,
} from '../common/auth/access.decorator.js';
import type { AuthenticatedRequest } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { hostOf, isCrossOriginRequest } from '../common/auth/same-origin.js';
import { AppConfig } from '../config/app-config.js';
import { CredentialsService } from './credentials.service.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { StepUpGuard } from './step-up/step-up.guard.js';

const CROSS_ORIGIN = 'Cross-origin request refused';
const ENROLL_FIRST =
  'An administrator requires a second factor for your account: enroll one (Account → Security) before anything else';

type Credential = { kind: 'bearer' | 'cookie'; value: string } | null;

/**
 * The global HTTP guard: resolves the route's access level (see access.decorator.ts),
 * authenticates the session cookie or bearer token, refuses cross-origin cookie-authenticated
 * writes, sets `req.principal`, keeps a session that must enroll a second factor to the few routes
 * that let it do so, and checks step-up actions (StepUpGuard). WebSocket gateways authenticate on
 * connect themselves.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly publicHost: string | null;

  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
    private readonly stepUp: StepUpGuard,
  ) {
    this.publicHost = config.publicUrl ? hostOf(config.publicUrl) : null;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const declared = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const mutating = isMutatingMethod(req.method);
    if (effectiveAccessLevel(declared, req.method) === 'public') {
      // login CSRF: a browser on a foreign site must not sign the user in to an attacker's account
      if (mutating && this.isCrossOrigin(req)) throw new ForbiddenException(CROSS_ORIGIN);
      return true;
    }
    const credential = readCredential(req);
    if (credential?.kind === 'cookie' && mutating && this.isCrossOrigin(req)) {
      throw new ForbiddenException(CROSS_ORIGIN);
    }
    const principal = await this.authenticate(credential);
    const decision = decideAccess(declared, req.method, principal);
    switch (decision) {
      case 'unauthenticated':
        throw new UnauthorizedException('Authentication required');
      case 'forbidden':
        throw new ForbiddenException('Your credential does not allow this action');
      case 'allow':
        if (principal) req.principal = principal;
        if (principal?.session?.mustEnrollSecondFactor && !this.allowedBeforeEnrollment(ctx)) {
          throw new ForbiddenException(ENROLL_FIRST);
        }
        return this.stepUp.canActivate(ctx);
    }
  }

  private allowedBeforeEnrollment(ctx: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(ALLOWED_BEFORE_ENROLLMENT_KEY, [
        ctx.getHandler(),
        ctx.getClass(),
      ]) === true
    );
  }

  private authenticate(credential: Credential): Promise<Principal | null> {
    if (!credential) return Promise.resolve(null);
    return credential.kind === 'bearer'
      ? this.credentials.authenticateBearer(credential.value)
      : this.credentials.authenticateSession(credential.value);
  }

  private isCrossOrigin(req: AuthenticatedRequest): boolean {
    const trusted = [this.publicHost, this.config.trustProxy ? req.host : undefined].filter(
      (h): h is string => typeof h === 'string' && h !== '',
    );
    return isCrossOriginRequest(req.headers, trusted);
  }
}

/** A bearer token wins over the cookie; a malformed Authorization header counts as no credential. */
function readCredential(req: AuthenticatedRequest): Credential {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match?.[1]) return { kind: 'bearer', value: match[1] };
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const cookie = cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie !== '' ? { kind: 'cookie', value: cookie } : null;
}
