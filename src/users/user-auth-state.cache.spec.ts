import { describe, expect, it } from '@jest/globals';
import type { Clock } from '../common/auth/clock.js';
import { USER_AUTH_STATE_TTL_MS, UserAuthStateCache, type UserAuthState } from './user-auth-state.cache.js';

const state = (tokenGeneration: number): UserAuthState => ({
  id: 'u1',
  username: 'ann',
  role: 'user',
  disabled: false,
  tokenGeneration,
});

describe('UserAuthStateCache', () => {
  let now = 0;
  const clock: Clock = { now: () => now };

  it('answers from memory for a moment, then reads again', async () => {
    const cache = new UserAuthStateCache(clock);
    let reads = 0;
    const load = () => Promise.resolve(state(++reads));
    expect((await cache.get('u1', load))?.tokenGeneration).toBe(1);
    now += USER_AUTH_STATE_TTL_MS - 1;
    expect((await cache.get('u1', load))?.tokenGeneration).toBe(1);
    now += 1;
    expect((await cache.get('u1', load))?.tokenGeneration).toBe(2);
  });

  it('reads again at once after an invalidation', async () => {
    const cache = new UserAuthStateCache(clock);
    await cache.get('u1', () => Promise.resolve(state(1)));
    cache.invalidate('u1');
    expect((await cache.get('u1', () => Promise.resolve(state(2))))?.tokenGeneration).toBe(2);
  });

  it('does not keep what a read saw before an invalidation that happened while it ran', async () => {
    const cache = new UserAuthStateCache(clock);
    let finish!: (s: UserAuthState) => void;
    const slow = cache.get('u1', () => new Promise<UserAuthState>((r) => (finish = r)));
    cache.invalidate('u1'); // e.g. the user was disabled while the stale row was on its way
    finish(state(1));
    await slow;
    expect((await cache.get('u1', () => Promise.resolve(state(2))))?.tokenGeneration).toBe(2);
  });
});
