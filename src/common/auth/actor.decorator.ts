import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ActorContext } from './actor-context.js';
import type { AuthenticatedRequest } from './current-principal.decorator.js';

/** The request's actor for the audit log: its principal (or anonymous) and its client address. */
export function actorOf(req: AuthenticatedRequest): ActorContext {
  return { actor: req.principal ?? { via: 'anonymous' }, ip: req.ip ?? null };
}

/** Who made this request and from where, as services record it (honours HIVEWATCH_TRUST_PROXY). */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): ActorContext => {
  return actorOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>());
});
