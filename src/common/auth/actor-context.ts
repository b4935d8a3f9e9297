import type { AnonymousActor, Principal } from './principal.js';

/** Who asked for a change and from where: recorded with every audit entry. */
export interface ActorContext {
  actor: Principal | AnonymousActor;
  ip: string | null;
}
