import { describe, expect, it } from '@jest/globals';
import { ResponseCache } from './response-cache.js';

describe('ResponseCache', () => {
  it('runs a request once per id and answers repeats from the cache', async () => {
    const cache = new ResponseCache<string>();
    let runs = 0;
    const run = () => Promise.resolve(`answer ${++runs}`);
    const first = cache.getOrRun(1, run);
    const second = cache.getOrRun(1, run);
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    await expect(second.value).resolves.toBe('answer 1');
    await expect(cache.getOrRun(2, run).value).resolves.toBe('answer 2');
    expect(runs).toBe(2);
  });

  it('forgets entries after the TTL and beyond the size bound', async () => {
    let now = 0;
    const cache = new ResponseCache<number>(10 * 60_000, 3, () => now);
    for (const id of [1, 2, 3, 4]) cache.getOrRun(id, () => Promise.resolve(id));
    expect(cache.size).toBe(3);
    expect(cache.getOrRun(1, () => Promise.resolve(100)).hit).toBe(false); // evicted as the oldest
    now = 10 * 60_000 + 1;
    const late = cache.getOrRun(4, () => Promise.resolve(400));
    expect(late.hit).toBe(false);
    await expect(late.value).resolves.toBe(400);
  });
});
