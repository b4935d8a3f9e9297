import { Injectable } from '@nestjs/common';
import { Clock } from '../common/auth/clock.js';
import type { User } from './user.entity.js';

/** What a bearer-token check needs to know about the token's user. */
export type UserAuthState = Pick<User, 'id' | 'username' | 'role' | 'disabled' | 'tokenGeneration'>;

/**
 * How long another hub sharing the database may keep accepting a token after its user was disabled
 * or signed out there; changes made through this hub invalidate the entry at once.
 */
export const USER_AUTH_STATE_TTL_MS = 2_000;
/** Bounds memory when many users call at once: beyond it the cache starts over. */
const MAX_ENTRIES = 10_000;

/**
 * A short-lived cache of users' auth state, so a script calling the API with an access token does not
 * cost a user query per request. A missing user is cached too (null).
 */
@Injectable()
export class UserAuthStateCache {
  private readonly entries = new Map<string, { state: UserAuthState | null; until: number }>();
  /** Counts invalidations, so a load that overlapped one does not store what it read before it. */
  private invalidations = 0;

  constructor(private readonly clock: Clock) {}

  async get(id: string, load: () => Promise<UserAuthState | null>): Promise<UserAuthState | null> {
    const now = this.clock.now();
    const hit = this.entries.get(id);
    if (hit && hit.until > now) return hit.state;
    const before = this.invalidations;
    const loaded = await load();
    const state = loaded && {
      id: loaded.id,
      username: loaded.username,
      role: loaded.role,
      disabled: loaded.disabled,
      tokenGeneration: loaded.tokenGeneration,
    };
    if (before !== this.invalidations) return state;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(id, { state, until: now + USER_AUTH_STATE_TTL_MS });
    return state;
  }

  invalidate(id: string): void {
    this.invalidations++;
    this.entries.delete(id);
  }
}
