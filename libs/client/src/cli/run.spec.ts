import { describe, expect, it } from '@jest/globals';
import type { History } from '@hivewatch/protocol';
import { HivewatchClient } from '../client.js';
import { serverFixture } from '../test-support/server.fixture.js';
import type { FetchLike } from '../http.js';
import { run } from './run.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const MIN = 60_000;

const WEB = serverFixture({ id: '11111111-1111-4111-8111-111111111111', name: 'web-1', tags: ['prod'] });
const DB = serverFixture({ id: '22222222-2222-4222-8222-222222222222', name: 'db-1', tags: ['prod'] });

function history(id: string, cpuMax: (number | null)[]): History {
  return {
    serverId: id,
    resolution: 'minute',
    from: NOW - 5 * MIN,
    to: NOW,
    metrics: ['cpu'],
    points: cpuMax.map((max, i) => ({
      t: NOW - (cpuMax.length - i) * MIN,
      cpu: max === null ? null : { avg: max / 2, max },
    })),
  };
}

/** A hub with two servers: web-1 calm, db-1 with one busy minute. */
const hub: FetchLike = (input) => {
  const url = new URL(input);
  const json = (body: unknown, status = 200) =>
    Promise.resolve(new Response(JSON.stringify(body), { status }));
  if (url.pathname === '/api/v1/servers') {
    const q = url.searchParams.get('q');
    const tag = url.searchParams.get('tag');
    const items = [WEB, DB].filter(
      (s) => (q === null || s.name.includes(q)) && (tag === null || s.tags.includes(tag)),
    );
    return json({ items, total: items.length });
  }
  if (url.pathname === `/api/v1/servers/${WEB.id}/records`) return json(history(WEB.id, [10, 20, 30]));
  if (url.pathname === `/api/v1/servers/${DB.id}/records`) return json(history(DB.id, [40, 95.5, null]));
  if (url.pathname === `/api/v1/servers/${WEB.id}`) return json(WEB);
  return json({ statusCode: 404, error: 'Not Found', message: 'no such route', requestId: 'r404' }, 404);
};

async function cli(argv: string[], fetch: FetchLike = hub) {
  let out = '';
  let err = '';
  const code = await run(
    argv,
    {},
    { out: (t) => (out += t), err: (t) => (err += t), now: () => NOW },
    () => new HivewatchClient({ url: 'http://127.0.0.1:9', apiKey: 'hw_k', fetch }),
  );
  return { code, out, err };
}

describe('hivewatch check', () => {
  it('exits 0 when every minute holds the limit', async () => {
    const r = await cli(['check', 'web-1', '--metric', 'cpu', '--max', '80', '--for', '5m']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('OK: cpu <= 80 on 1 server(s) over the last 5m (3 minute sample(s))');
  });

  it('exits 1 naming the server, the minute and the value that broke the limit', async () => {
    const r = await cli(['check', '--tag', 'prod', '--metric', 'cpu', '--max', '80']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL db-1 (${DB.id}): cpu not <= 80 in 1 minute(s)`);
    expect(r.out).toContain(`2026-05-01T11:58:00Z  cpu max 95.5 > max 80`);
    expect(r.out).not.toContain('FAIL web-1');
    expect(r.out).toContain('1 of 2 server(s) failed');
  });

  it('compares --min with the minute means', async () => {
    const r = await cli(['check', WEB.id, '--metric', 'cpu', '--min', '6']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('cpu mean 5 < min 6');
  });

  it('fails a server that sent nothing in the window', async () => {
    const silent: FetchLike = (input, init) =>
      input.includes('/records')
        ? Promise.resolve(new Response(JSON.stringify(history(WEB.id, [null]))))
        : hub(input, init);
    const r = await cli(['check', 'web-1', '--metric', 'cpu', '--max', '80'], silent);
    expect(r.code).toBe(1);
    expect(r.out).toContain('no cpu samples in the last 5m');
  });

  it.each([
    [['check', '--metric', 'cpu', '--max', '80'], 'give either one <server>'],
    [['check', 'web-1', '--tag', 'prod', '--metric', 'cpu', '--max', '80'], 'give either one <server>'],
    [['check', 'web-1', '--max', '80'], '--metric is required'],
    [['check', 'web-1', '--metric', 'cpu'], 'give a limit'],
    [['check', 'web-1', '--metric', 'cpu', '--max', 'high'], '--max must be a number'],
    [['check', 'web-1', '--metric', 'cpu', '--max', '1', '--min', '2'], '--min must not be above --max'],
    [['check', 'web-1', '--metric', 'cpu', '--max', '80', '--for', '40d'], '--for must be at most 31d'],
    [['check', 'web-1', '--metric', 'cpu', '--max', '80', '--bogus'], "Unknown option '--bogus'"],
    [['check', 'nosuch', '--metric', 'cpu', '--max', '80'], 'no server named "nosuch"'],
    [['check', '--tag', 'staging', '--metric', 'cpu', '--max', '80'], 'no server carries the tag "staging"'],
    [['check', 'web-1', '--metric', 'cpu', '--max', '80', '--key', 'hw_k'], 'never a command-line flag'],
    [['deploy'], 'unknown command "deploy"'],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toMatch(/Run "hivewatch( check)? --help" for usage/);
  });

  it('exits 2 with the status and request id when the hub refuses the key', async () => {
    const refused: FetchLike = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            statusCode: 401,
            error: 'Unauthorized',
            message: 'Authentication required',
            requestId: 'rq-1',
          }),
          { status: 401 },
        ),
      );
    const r = await cli(['check', 'web-1', '--metric', 'cpu', '--max', '80'], refused);
    expect(r.code).toBe(2);
    expect(r.err).toContain('the hub answered 401 unauthorized: Authentication required');
    expect(r.err).toContain('[request id rq-1]');
  });
});

describe('hivewatch metrics and help', () => {
  it('prints history as CSV with one column per value', async () => {
    const r = await cli(['metrics', 'db-1', '--metric', 'cpu', '--from', '-5m', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n')).toEqual([
      'time,cpu_avg,cpu_max',
      '2026-05-01T11:57:00.000Z,20,40',
      '2026-05-01T11:58:00.000Z,47.75,95.5',
      '2026-05-01T11:59:00.000Z,,',
      '',
    ]);
  });

  it('answers --help for every command without a hub', async () => {
    for (const argv of [
      ['--help'],
      ['help', 'check'],
      ['servers', 'list', '--help'],
      ['metrics', '-h'],
      ['alerts', '--help'],
    ]) {
      const r = await cli(argv, () => Promise.reject(new Error('no hub')));
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: hivewatch/);
    }
  });

  it('needs HIVEWATCH_URL and HIVEWATCH_API_KEY', async () => {
    let err = '';
    const code = await run(
      ['servers', 'list'],
      {},
      { out: () => undefined, err: (t) => (err += t), now: () => NOW },
    );
    expect(code).toBe(2);
    expect(err).toContain('set HIVEWATCH_URL and HIVEWATCH_API_KEY in the environment');
  });
});
