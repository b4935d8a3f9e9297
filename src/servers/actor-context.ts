import type { AnonymousActor, Principal } from '../common/auth/principal.js';

/** Who asked for a change and from where: recorded with every audit entry. */
export interface ActorContext {
  actor: Principal | AnonymousActor;
  ip: string | null;
}

export function actorContext(principal: Principal | undefined, ip: string | null): ActorContext {
  return { actor: principal ?? { via: 'anonymous' }, ip };
}
