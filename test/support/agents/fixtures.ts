import request from 'supertest';

/** Creates a server through the API (as admin) and returns its id and agent token. */
export async function createServer(
  baseUrl: string,
  cookie: string,
  name = `host-${Math.random().toString(36).slice(2, 8)}`,
): Promise<{ id: string; token: string }> {
  const res = await request(baseUrl).post('/api/v1/servers').set('Cookie', cookie).send({ name }).expect(201);
  return { id: res.body.server.id as string, token: res.body.token as string };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error('condition not met in time');
    await sleep(everyMs);
  }
}
