import { describe, expect, it } from '@jest/globals';
import { HivewatchClient } from './client.js';
import { HivewatchApiError, HivewatchConnectionError, HivewatchResponseError } from './errors.js';
import type { FetchLike } from './http.js';

const URL = 'http://127.0.0.1:9';
const KEY = 'hw_testkey';

interface Seen {
  url: string;
  headers: Record<string, string>;
}

function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>, seen: Seen[] = []): FetchLike {
  return (input, init) => {
    const s = { url: input, headers: init.headers as Record<string, string> };
    seen.push(s);
    return Promise.resolve(answer(s));
  };
}

const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe('HivewatchClient transport', () => {
  it('sends the API key as a bearer token with a request id, and parses the answer with the contract', async () => {
    const seen: Seen[] = [];
    const client = new HivewatchClient({
      url: `${URL}/`,
      apiKey: KEY,
      fetch: fakeFetch(() => jsonResponse(200, [{ tag: 'prod', count: 2 }]), seen),
    });
    await expect(client.listTags()).resolves.toEqual([{ tag: 'prod', count: 2 }]);
    expect(seen[0]?.url).toBe(`${URL}/api/v1/tags`);
    expect(seen[0]?.headers['Authorization']).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('encodes query parameters and drops the absent ones', async () => {
    const seen: Seen[] = [];
    const client = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: fakeFetch(
        () =>
          jsonResponse(200, { serverId: 's', resolution: 'minute', from: 1, to: 2, metrics: [], points: [] }),
        seen,
      ),
    });
    await client.history('s 1', { from: new Date(0), metrics: ['cpu', 'disk:/'] });
    expect(seen[0]?.url).toBe(
      `${URL}/api/v1/servers/s%201/records?from=1970-01-01T00%3A00%3A00.000Z&metrics=cpu%2Cdisk%3A%2F`,
    );
  });

  it('maps a hub error body to HivewatchApiError with status, code, message and the hub request id', async () => {
    const client = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: fakeFetch(() =>
        jsonResponse(401, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Authentication required',
          requestId: 'req-7',
        }),
      ),
    });
    const err = await failure(client.me());
    expect(err).toBeInstanceOf(HivewatchApiError);
    expect(err).toMatchObject({
      status: 401,
      code: 'unauthorized',
      message: 'Authentication required',
      requestId: 'req-7',
    });
  });

  it('keeps every validation message and the Retry-After of a rate limit', async () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: ['from: bad', 'to: bad'],
      requestId: 'r1',
    };
    const bad = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: fakeFetch(() => jsonResponse(400, body)),
    });
    expect(await failure(bad.listGroups())).toMatchObject({
      code: 'bad_request',
      message: 'from: bad; to: bad',
      details: ['from: bad', 'to: bad'],
    });
    const limited = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: fakeFetch(() =>
        jsonResponse(
          429,
          { statusCode: 429, error: 'Too Many Requests', message: 'slow down' },
          { 'retry-after': '30' },
        ),
      ),
    });
    expect(await failure(limited.listGroups())).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 30,
    });
  });

  it('falls back to its own request id when an error is not the hub’s (a proxy page)', async () => {
    const seen: Seen[] = [];
    const client = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: fakeFetch(
        () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
        seen,
      ),
    });
    const err = await failure(client.listGroups());
    expect(err).toBeInstanceOf(HivewatchApiError);
    expect(err).toMatchObject({ status: 502, code: 'bad_gateway', message: 'HTTP 502 Bad Gateway' });
    expect((err as HivewatchApiError).requestId).toBe(seen[0]?.headers['X-Request-Id']);
  });

  it('refuses a 2xx answer that does not follow the contract', async () => {
    const client = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: fakeFetch(() => jsonResponse(200, [{ tag: 1 }])),
    });
    const err = await failure(client.listTags());
    expect(err).toBeInstanceOf(HivewatchResponseError);
    expect((err as HivewatchResponseError).message).toContain('does not match');
    const html = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: fakeFetch(() => new Response('<html>login</html>', { status: 200 })),
    });
    expect(await failure(html.listTags())).toBeInstanceOf(HivewatchResponseError);
  });

  it('maps network failures and timeouts to HivewatchConnectionError', async () => {
    const refused = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      fetch: () =>
        Promise.reject(
          new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }),
        ),
    });
    const err = await failure(refused.listGroups());
    expect(err).toBeInstanceOf(HivewatchConnectionError);
    expect(err).toMatchObject({
      timedOut: false,
      message: `cannot reach ${URL}: connect ECONNREFUSED 127.0.0.1:9`,
    });

    const hanging = new HivewatchClient({
      url: URL,
      apiKey: KEY,
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    const late = await failure(hanging.listGroups());
    expect(late).toBeInstanceOf(HivewatchConnectionError);
    expect(late).toMatchObject({ timedOut: true, message: `no answer from ${URL} within 50 ms` });
  });

  it('refuses a bad base URL, key or timeout up front', () => {
    expect(() => new HivewatchClient({ url: 'hub.example.com', apiKey: KEY })).toThrow(/not a valid URL/);
    expect(() => new HivewatchClient({ url: 'ftp://hub', apiKey: KEY })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => new HivewatchClient({ url: 'https://u:p@hub', apiKey: KEY })).toThrow(/credentials/);
    expect(() => new HivewatchClient({ url: URL, apiKey: ' ' })).toThrow(/API key/);
    expect(() => new HivewatchClient({ url: URL, apiKey: KEY, timeoutMs: 0 })).toThrow(RangeError);
    expect(() => new HivewatchClient({ url: URL, apiKey: KEY, timeoutMs: Infinity })).toThrow(RangeError);
    expect(new HivewatchClient({ url: 'https://hub.example.com/monitoring/', apiKey: KEY }).baseUrl).toBe(
      'https://hub.example.com/monitoring',
    );
  });
});
