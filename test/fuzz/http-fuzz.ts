import fc from 'fast-check';
import {
  isJsonError,
  rawGet,
  rawRequest,
  rawUpgrade,
  UPGRADE_HEADERS,
  type RawResponse,
} from './raw-http.js';

/** A raw HTTP request the fuzzer sends, what it must get back, and what it got. */
export interface HttpCase {
  kind: string;
  request: string;
  /** Allowed statuses; `json`: an error status must carry the JSON error shape. */
  expect: { statuses: 'any' | 'client-error' | number[]; json: boolean; requestId?: boolean };
  /** An upgrade of the agent endpoint with `?token=`: once upgraded, the hub must refuse and count it. */
  tokenInQuery?: boolean;
}

export interface HttpFinding {
  kind: string;
  request: string;
  got: string;
}

/**
 * WebSocket paths the hub registers (src/** `router.register(...)`); `:id` segments are fuzzed.
 * hub.fuzz.e2e-spec.ts checks this list against the source, so a new route cannot be missed.
 */
export const WS_ROUTES = [
  '/api/v1/agents/ws',
  '/api/v1/ws',
  '/api/v1/ws/metrics/:id',
  '/api/v1/ws/logs/:id',
  '/api/v1/ws/terminal',
];

/** Path segments no decoder accepts, or that are odd enough to try. */
const MALFORMED_SEGMENTS = ['%E0%A4%A', '%', '%zz', '%C0%80', '%ED%A0%80', '%E0%A4', '%%', '%2', '%ff%fe'];
const ODD_SEGMENTS = [
  '..',
  '%2e%2e',
  '..%2f..%2f',
  '%00',
  '%20',
  '~',
  '%C3%A9',
  'a'.repeat(2000),
  '[',
  ']',
  '@',
  ':',
];
const MALFORMED_TARGETS = ['//[', '//', '*', 'http://[', '/[', '\\api\\v1\\ws', '/%', '/api/v1/%E0%A4%A/ws'];

const hexPair = fc.constantFrom(...'0123456789abcdefABCDEFxz'.split(''));
/** A path segment built from characters, valid escapes and broken ones. */
const segment = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'Z', '0', '-', '.', '_'),
      fc.tuple(hexPair, hexPair).map(([a, b]) => `%${a}${b}`),
      hexPair.map((a) => `%${a}`),
      fc.constant('%'),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

function malformedEscape(path: string): boolean {
  try {
    decodeURIComponent(path.split('?')[0]!);
    return false;
  } catch {
    return true;
  }
}

/** Does `target` name `route` with an `:id` segment that cannot be percent-decoded? */
function paramIsMalformed(route: string, target: string): boolean {
  const parts = route.split('/');
  const given = target.split('?')[0]!.split('/');
  if (parts.length !== given.length || given[parts.length - 1]!.length > 4000) return false;
  return parts.every((p, i) => (p === ':id' ? malformedEscape(given[i]!) : p === given[i]));
}

function fill(route: string, value: string): string {
  return route.replace(':id', value);
}

/** Upgrade requests: malformed targets on every WS path, odd handshakes on valid ones. */
export function upgradeCases(): fc.Arbitrary<HttpCase> {
  const route = fc.constantFrom(...WS_ROUTES);
  const target = fc.oneof(
    fc
      .tuple(route, fc.constantFrom(...MALFORMED_SEGMENTS, ...ODD_SEGMENTS))
      .map(([r, s]) => (r.includes(':id') ? fill(r, s) : `${r}/${s}`)),
    fc.tuple(route, segment).map(([r, s]) => (r.includes(':id') ? fill(r, s) : `${r}?q=${s}`)),
    fc
      .tuple(route, fc.constantFrom(...MALFORMED_SEGMENTS, 'hwa_x', ''))
      .map(([r, s]) => `${fill(r, 'x')}?token=${s}`),
    fc.constantFrom(...MALFORMED_TARGETS),
    fc
      .tuple(route, fc.constantFrom(9_000, 20_000, 70_000))
      .map(([r, n]) => `${fill(r, 'a')}/${'a'.repeat(n)}`),
  );
  const oddHeaders = fc.constantFrom<Record<string, string>>(
    { ...UPGRADE_HEADERS, 'Sec-WebSocket-Version': '99' },
    { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' },
    { ...UPGRADE_HEADERS, 'Sec-WebSocket-Key': 'short' },
    { ...UPGRADE_HEADERS, Upgrade: 'h2c' },
    { ...UPGRADE_HEADERS, Origin: 'http://evil.example' },
    { ...UPGRADE_HEADERS, Cookie: 'hw_session=%E0%A4%A; hw_session=' + 'x'.repeat(4000) },
    { ...UPGRADE_HEADERS, Authorization: 'Bearer %E0%A4%A' },
    { ...UPGRADE_HEADERS, 'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits=99' },
    { ...UPGRADE_HEADERS, 'Sec-WebSocket-Protocol': '\u00ff\u00fe' },
    { ...UPGRADE_HEADERS, 'X-Forwarded-For': '%E0%A4%A, [::1' },
  );
  return fc.oneof(
    target.map((t): HttpCase => {
      const broken = malformedEscape(t) || !t.startsWith('/') || t.startsWith('//');
      // A route's `:id` segment that no decoder accepts must be a 400; other broken
      // targets name no route or fail the HTTP parser's limits: any 4xx.
      const badParam = WS_ROUTES.some((r) => r.includes(':id') && paramIsMalformed(r, t));
      return {
        kind: 'upgrade:target',
        request: rawUpgrade(t),
        expect: { statuses: badParam ? [400] : broken ? 'client-error' : 'any', json: false },
        tokenInQuery: t.startsWith(`${WS_ROUTES[0]}?token=`),
      };
    }),
    fc.tuple(route, oddHeaders).map(([r, h]): HttpCase => ({
      kind: 'upgrade:headers',
      request: rawUpgrade(fill(r, '00000000-0000-4000-8000-000000000000'), h),
      expect: { statuses: 'any', json: false },
    })),
  );
}

/** One REST route from the OpenAPI document: `/api/v1/servers/{id}/records` and its query names. */
export interface RestRoute {
  method: string;
  path: string;
  query: string[];
}

const ODD_VALUES = [
  '-1',
  '1.5',
  '-0',
  '1e400',
  'NaN',
  'Infinity',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%',
  '%ff',
  '[]',
  '{}',
  'true',
  '0x10',
  '+1',
  '9'.repeat(40),
  '%C3%A9',
  '%F0%9F%98%80',
];

/** GET requests with garbage path parameters and query strings, anonymous or with `cookie`. */
export function restCases(routes: RestRoute[], cookie: string): fc.Arbitrary<HttpCase> {
  const gets = routes.filter((r) => r.method === 'get');
  const param = fc.oneof(
    fc.constantFrom(
      ...MALFORMED_SEGMENTS,
      ...ODD_SEGMENTS,
      '00000000-0000-4000-8000-000000000000',
      '0',
      '-1',
    ),
    segment,
  );
  const value = fc.oneof(
    fc.constantFrom(...ODD_VALUES),
    segment,
    fc.constantFrom(5_000, 30_000, 100_000).map((n) => 'q'.repeat(n)),
  );
  return fc
    .record({
      route: fc.constantFrom(...gets),
      param,
      query: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              'from',
              'to',
              'limit',
              'cursor',
              'offset',
              'metrics',
              'resolution',
              '__proto__[x]',
              'a[b][c]',
              '%E0%A4%A',
            ),
            segment,
          ),
          value,
        ),
        { maxLength: 4 },
      ),
      extraQuery: fc.array(fc.constantFrom('from', 'to', 'limit'), { maxLength: 2 }),
      authed: fc.boolean(),
    })
    .map(({ route, param, query, extraQuery, authed }): HttpCase => {
      const path = route.path.replace(/\{[^}]+\}/g, param);
      const names = [...route.query, ...extraQuery];
      const pairs = query.map(
        ([k, v], i) => `${names.length > 0 && i % 2 === 0 ? names[i % names.length] : k}=${v}`,
      );
      const target = pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
      return {
        kind: `rest:${route.path}`,
        request: rawGet(target, authed ? { Cookie: cookie } : {}),
        expect: { statuses: 'any', json: true },
      };
    });
}

/** Time-range values protocol.md §3 does not allow (ISO-8601 or epoch ms only): each must be a 400. */
export const ODD_DATES = [
  '-1',
  '1.5',
  '-0',
  '1e3',
  '+1',
  '0x10',
  'NaN',
  '1e400',
  '-1e400',
  ' 1',
  '%00',
  '2024-13-45T99:99:99Z',
  '99999999999999999999',
];

export function oddDateCases(serverId: string, cookie: string): HttpCase[] {
  return ['from', 'to'].flatMap((name) =>
    ODD_DATES.map((v): HttpCase => ({
      kind: `rest:odd-date:${name}=${v}`,
      request: rawGet(`/api/v1/servers/${serverId}/records?${name}=${encodeURIComponent(v)}`, {
        Cookie: cookie,
      }),
      expect: { statuses: [400], json: true },
    })),
  );
}

/**
 * Requests the HTTP parser itself refuses: a 30 KB URL, a 100 KB query string, a raw
 * non-ASCII byte in the target. The answer must still be a 4xx with the JSON error shape, not a reset.
 */
export function parserCases(): HttpCase[] {
  const expect = { statuses: 'client-error' as const, json: true };
  return [
    { kind: 'parser:30kb-url', request: rawGet(`/api/v1/servers/${'a'.repeat(30_000)}`), expect },
    { kind: 'parser:100kb-query', request: rawGet(`/api/v1/servers?q=${'q'.repeat(100_000)}`), expect },
    { kind: 'parser:raw-non-ascii', request: rawGet('/api/v1/servers?name=\u00e9'), expect },
    { kind: 'parser:raw-nul', request: rawGet('/api/v1/servers?name=a\u0000b'), expect },
  ];
}

/** Bodies that must fail at parsing: malformed JSON (400 with requestId), too large (413 with requestId). */
export function bodyCases(cookie: string): HttpCase[] {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    [
      `POST ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Connection: close',
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ].join('\r\n') +
    '\r\n\r\n' +
    body;
  const cases: HttpCase[] = [];
  for (const path of ['/api/v1/auth/login', '/api/v1/servers', '/api/v1/alert-rules']) {
    for (const auth of path.endsWith('login')
      ? [{}]
      : ([{}, { Cookie: cookie, Origin: 'http://127.0.0.1' }] as Record<string, string>[])) {
      cases.push({
        kind: `body:malformed-json:${path}`,
        request: post(path, '{"name":', auth),
        expect: { statuses: [400, 401, 403], json: true },
      });
      cases.push({
        kind: `body:too-large:${path}`,
        request: post(path, `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`, auth),
        expect: { statuses: [413, 401, 403], json: true },
      });
      cases.push({
        kind: `body:deep:${path}`,
        request: post(path, '['.repeat(50_000) + ']'.repeat(50_000), auth),
        expect: { statuses: 'client-error', json: true },
      });
    }
  }
  return cases.map((c) => ({
    ...c,
    expect: {
      ...c.expect,
      requestId: c.kind.startsWith('body:malformed') || c.kind.startsWith('body:too-large'),
    },
  }));
}

/** Runs one case; null when the answer is what the case expects, else a finding. */
export async function checkCase(
  port: number,
  c: HttpCase,
): Promise<{ status: number | null; finding: HttpFinding | null }> {
  const res = await rawRequest(port, c.request, 8000);
  const problem = judge(c, res);
  const request =
    c.request.length > 600 ? `${c.request.slice(0, 600)}… (${c.request.length} bytes)` : c.request;
  return { status: res.status, finding: problem === null ? null : { kind: c.kind, request, got: problem } };
}

function judge(c: HttpCase, res: RawResponse): string | null {
  if (res.status === null) return `no HTTP response (${res.failure}) after ${Math.round(res.ms)} ms`;
  const line = `${res.head.split('\r\n')[0]} ${res.body.slice(0, 200)}`;
  if (res.status >= 500) return `server error: ${line}`;
  const { statuses, json, requestId } = c.expect;
  if (statuses === 'client-error' && (res.status < 400 || res.status > 499))
    return `expected a 4xx, got ${line}`;
  if (Array.isArray(statuses) && !statuses.includes(res.status))
    return `expected ${statuses.join('/')}, got ${line}`;
  if (json && res.status >= 400 && !isJsonError(res)) return `error without the JSON error shape: ${line}`;
  if (
    requestId &&
    res.status >= 400 &&
    !/"requestId":"[^"]+"/.test(res.body) &&
    ![401, 403].includes(res.status)
  )
    return `error without requestId: ${line}`;
  return null;
}
