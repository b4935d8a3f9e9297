import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import WebSocket from 'ws';
import { GatewayStats } from '../../src/agents/gateway-stats.js';
import { RepeatedFailures } from '../../src/audit/repeated-failures.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** One failed agent login from `ip` (the hub trusts X-Forwarded-For in this test). */
function failedLogin(url: string, ip: string, agentId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { 'x-forwarded-for': ip } });
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'request',
          id: 1,
          action: 'authenticate',
          payload: { agent_id: agentId, token: 'hwa_wrong-token-wrong-token-wrong-token' },
        }),
      ),
    );
    ws.on('close', () => resolve());
    ws.on('error', reject);
  });
}

describe('floods without credentials, and frames the hub cannot take', () => {
  let hub: TestApp;
  let cookie: string;
  let wsUrl: string;

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_TRUST_PROXY: 'true' });
    cookie = await signIn(hub);
    wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
  });
  afterAll(async () => hub.close());

  async function failureRows(): Promise<Record<string, unknown>[]> {
    const res = await request(hub.url)
      .get('/api/v1/audit-logs?action=agent.authenticate&outcome=failure&limit=200')
      .set('Cookie', cookie)
      .expect(200);
    return res.body.items as Record<string, unknown>[];
  }

  it('failed agent logins from many addresses become one counted audit entry, not one row each', async () => {
    const server = await createServer(hub.url, cookie);
    const attempts = 60;
    for (let i = 0; i < attempts; i++) await failedLogin(wsUrl, `198.51.100.${i + 1}`, server.id);
    expect(hub.app.get(GatewayStats).counters.authFailed).toBeGreaterThanOrEqual(attempts);
    // The first one is written at once, with its address…
    const first = await failureRows();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ ip: '198.51.100.1', targetId: server.id });
    // …the repeats are one entry when the window closes, and lose no count.
    await hub.app.get(RepeatedFailures).flush();
    const rows = await failureRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]!['detail']).toMatchObject({
      reason: 'invalid-token',
      repeated: attempts - 1,
      addresses: attempts - 1,
    });
    expect((rows[0]!['detail'] as { listedAddresses: string[] }).listedAddresses).toHaveLength(20);
  });

  it('a log line with a time no date can hold is refused and counted as a bad frame', async () => {
    const stats = hub.app.get(GatewayStats);
    const s = await createServer(hub.url, cookie);
    const agent = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    const before = stats.badFrameCount();
    agent.socket.send({
      type: 'event',
      action: 'log',
      payload: { streamId: 'follow-1', message: 'hello', at: 1e20 },
    });
    const reply = await agent.socket.next((f) => f['action'] === 'error');
    expect(JSON.stringify(reply)).toContain('payload.at');
    await eventually(() => stats.badFrameCount() === before + 1);
    expect(agent.socket.closed).toBeUndefined();
    agent.close();
  });
});
