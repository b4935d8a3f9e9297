import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../common/auth/current-principal.decorator.js';

const CONSOLE_ONLY = 'Terminal sessions and recordings are for admins signed in to the console';

/**
 * Terminal sessions, recordings and settings are for a person at the console. Runs after the global
 * access guard (`@Access('admin')` has refused the user role by then) and before any validation:
 * it also refuses API keys, even `ops`, and access tokens.
 */
@Injectable()
export class ConsoleAdminGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal?.via !== 'session' || principal.role !== 'admin')
      throw new ForbiddenException(CONSOLE_ONLY);
    return true;
  }
}
