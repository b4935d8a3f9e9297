import { parseRequestPayload } from './parse-frames.js';
import { agentRequestSchemas, type AgentRequestAction } from './action-map.js';
import { checkAgentRequestPayload } from './request-checks.js';

/** A valid payload per action (seed-002 examples for the seed actions). */
const VALID: Record<AgentRequestAction, unknown> = {
  'get-server-info': null,
  'get-services': null,
  'get-service': { name: 'nginx.service' },
  'get-service-log': { name: 'nginx' },
  'restart-service': { name: 'sshd' },
  'get-processes': null,
  'get-process': { pid: 1234 },
  'update-agent-config': { metricsInterval: 5, watchlist: ['nginx', 'postgresql@16-main'] },
  exec: { command: 'uptime', timeoutMs: 5000, outputCapBytes: 65536, stream: false },
  'exec-cancel': { requestId: 42 },
  'terminal-open': { sessionId: 'term_1', cols: 80, rows: 24, window: 262144 },
  'terminal-input': { sessionId: 'term_1', data: 'bHMgLWwK' },
  'terminal-resize': { sessionId: 'term_1', cols: 120, rows: 40 },
  'terminal-credit': { sessionId: 'term_1', bytes: 65536 },
  'terminal-close': { sessionId: 'term_1', reason: 'idle-timeout' },
  'ping-tasks-sync': {
    tasks: [
      {
        id: 'p1',
        probe: 'http',
        target: 'https://example.com/health',
        intervalSeconds: 60,
        timeoutMs: 2000,
        icmpCount: 3,
        http: {
          method: 'GET',
          expectedStatus: [200, 204],
          keyword: 'ok',
          keywordMode: 'present',
          followRedirects: true,
          maxRedirects: 5,
          headers: [{ name: 'X-Probe', value: 'hivewatch' }],
          body: null,
          ignoreTlsErrors: false,
        },
      },
    ],
  },
  'docker-list': null,
  'docker-inspect': { containerId: 'web-1' },
  'docker-action': { containerId: 'web-1', action: 'restart' },
  'docker-logs-start': { streamId: 's1', containerId: 'abc123', tail: 100, follow: true },
  'docker-logs-stop': { streamId: 's1' },
  'logs-follow-start': { streamId: 's2', service: 'nginx', lines: 50 },
  'logs-follow-stop': { streamId: 's2' },
  upgrade: { version: '1.2.3', url: ' https://example.com/agent.cjs\n', sha256: 'a'.repeat(64) },
  'get-capabilities': null,
};

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1,
  1.5,
  3601,
  1001,
  2 ** 53,
  '',
  '1',
  '01',
  '12345678901',
  '-nginx',
  'a b',
  'x'.repeat(300),
  'bad base64!',
  'abc',
  'http://example.com',
  'https://',
  'https://example.com',
  'B'.repeat(64),
  'icmp',
  'start',
  [],
  ['nginx'],
  ['-x'],
  {},
];

/** The valid payload, the payload replaced, and each field removed or replaced by an odd value. */
function variants(valid: unknown): unknown[] {
  const out: unknown[] = [valid, ...ODD_VALUES];
  if (typeof valid !== 'object' || valid === null) return out;
  const record = valid as Record<string, unknown>;
  out.push({ ...record, extra: 'ignored' });
  for (const key of Object.keys(record)) {
    const { [key]: _removed, ...rest } = record;
    out.push(rest);
    for (const odd of ODD_VALUES) out.push({ ...record, [key]: odd });
    const inner = record[key];
    if (Array.isArray(inner) && typeof inner[0] === 'object' && inner[0] !== null)
      for (const variant of variants(inner[0])) out.push({ ...record, [key]: [variant] });
  }
  return out;
}

/** `ping-tasks-sync` payloads whose one task has its `http` options varied (one level deeper than variants()). */
function pingHttpVariants(): unknown[] {
  const sync = VALID['ping-tasks-sync'] as { tasks: Record<string, unknown>[] };
  const task = sync.tasks[0] ?? {};
  const http = task.http as Record<string, unknown>;
  const out: unknown[] = variants(http).map((variant) => ({ tasks: [{ ...task, http: variant }] }));
  const odd: Record<string, unknown>[] = [
    { expectedStatus: [] },
    { expectedStatus: Array.from({ length: 65 }, () => 200) },
    { expectedStatus: [99] },
    { expectedStatus: [600] },
    { keyword: null },
    { keyword: 'k'.repeat(257) },
    { headers: [{ name: 'Bad Name', value: 'x' }] },
    { headers: [{ name: 'X-A', value: 'a\r\nb' }] },
    { headers: [{ name: 'X-A', value: 'v'.repeat(4097) }] },
    { headers: Array.from({ length: 33 }, () => ({ name: 'X-A', value: 'v' })) },
    { body: 'b'.repeat(64 * 1024) },
    { body: 'b'.repeat(64 * 1024 + 1) },
    { maxRedirects: 11 },
    { method: 'DELETE' },
  ];
  for (const change of odd) out.push({ tasks: [{ ...task, http: { ...http, ...change } }] });
  out.push({ tasks: Array.from({ length: 500 }, () => task) });
  out.push({ tasks: Array.from({ length: 501 }, () => task) });
  out.push({ tasks: [{ ...task, intervalSeconds: 9 }] }, { tasks: [{ ...task, timeoutMs: 99 }] });
  out.push({ tasks: [{ ...task, icmpCount: 21 }] }, { tasks: [{ ...task, icmpCount: 0 }] });
  return out;
}

describe('checkAgentRequestPayload (zod-free, used by the agent)', () => {
  it('covers every request action', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(agentRequestSchemas).sort());
  });

  it.each(Object.keys(VALID) as AgentRequestAction[])(
    '%s: accepts and rejects exactly what the zod schema does, with the same output',
    (action) => {
      let accepted = 0;
      for (const payload of variants(VALID[action])) {
        const zod = parseRequestPayload(action, payload);
        const light = checkAgentRequestPayload(action, payload);
        expect({ payload, ok: light.ok }).toEqual({ payload, ok: zod.ok });
        if (zod.ok && light.ok) {
          accepted++;
          expect(light.value).toEqual(zod.value);
        }
        if (!light.ok) expect(light.error).toMatch(/^payload/);
      }
      expect(accepted).toBeGreaterThan(0);
    },
  );

  it('ping-tasks-sync: agrees with the zod schema on the http options and the limits', () => {
    for (const payload of pingHttpVariants()) {
      const zod = parseRequestPayload('ping-tasks-sync', payload);
      const light = checkAgentRequestPayload('ping-tasks-sync', payload);
      expect({ payload, ok: light.ok }).toEqual({ payload, ok: zod.ok });
      if (zod.ok && light.ok) expect(light.value).toEqual(zod.value);
    }
  });
});
