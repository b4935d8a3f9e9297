import { describe, expect, it } from '@jest/globals';
import { PER_MS, RequestIdAllocator, RESERVE_AHEAD, TimeBasedIds } from './request-ids.js';

describe('TimeBasedIds', () => {
  it('is ms × 1000 + a per-millisecond sequence, strictly increasing even if the clock steps back', () => {
    const ids = new TimeBasedIds();
    const t = 1_733_936_600_000;
    expect(ids.next(t)).toBe(t * PER_MS);
    expect(ids.next(t)).toBe(t * PER_MS + 1);
    expect(ids.next(t - 5000)).toBe(t * PER_MS + 2);
    expect(ids.next(t + 1)).toBe((t + 1) * PER_MS);
  });
});

describe('RequestIdAllocator', () => {
  function allocator(now: () => number) {
    const persisted: { serverId: string; value: number }[] = [];
    const alloc = new RequestIdAllocator((serverId, value) => {
      persisted.push({ serverId, value });
      return Promise.resolve();
    }, now);
    return { alloc, persisted };
  }

  it('starts above the persisted high water even when the clock is far behind it', async () => {
    const { alloc, persisted } = allocator(() => 1_000);
    const highWater = 1_800_000_000_000_000;
    alloc.load('s1', highWater);
    const a = await alloc.next('s1');
    const b = await alloc.next('s1');
    expect(a).toBe(highWater + 1);
    expect(b).toBe(highWater + 2);
    // The reservation was raised before the first id went out, and covers both.
    expect(persisted).toEqual([{ serverId: 's1', value: highWater + 1 + RESERVE_AHEAD }]);
  });

  it('persists again only past the reservation, stays monotonic and safe', async () => {
    let now = 1_733_936_600_000;
    const { alloc, persisted } = allocator(() => now);
    alloc.load('s1', 0);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await alloc.next('s1'));
    now += 61_000; // past the one-minute reservation
    ids.push(await alloc.next('s1'));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => Number.isSafeInteger(id) && id <= Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(persisted).toHaveLength(2);
    expect(persisted[1]!.value).toBeGreaterThan(ids.at(-1)!);
  });

  it('never re-uses an id of a previous process (restart with the same clock)', async () => {
    const now = () => 1_733_936_600_000;
    const first = allocator(now);
    first.alloc.load('s1', 0);
    const before = await first.alloc.next('s1');
    const stored = first.persisted.at(-1)!.value;
    const second = allocator(now);
    second.alloc.load('s1', stored);
    expect(await second.alloc.next('s1')).toBeGreaterThan(before);
  });
});
