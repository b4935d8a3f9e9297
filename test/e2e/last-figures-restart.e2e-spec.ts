import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BROWSER_WS_PATH, fullSyncFrameSchema, type Server, type ServerState } from '@hivewatch/protocol';
import request from 'supertest';
import { keepsSlowValues } from '../../src/records/metric-catalog.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { RestartableHub } from '../support/agents/hub.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { openWs, wsUrl } from '../support/ws-client.js';

/**
 * An offline server's last figures survive a real hub restart: a seed-002 agent reports over a real
 * socket to a hub on a fresh SQLite file, goes away, the hub stops and a new hub starts on the same
 * data; the console stream's full_sync still carries what the agent last reported, dated, and the
 * last contact. A server that never reported has no figures.
 */
describe('last figures across a hub restart', () => {
  const hub = new RestartableHub({
    HIVEWATCH_AGENT_OFFLINE_SECONDS: '1',
    HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS: '1',
  });
  let cookie: string;

  beforeAll(async () => {
    await hub.start();
    cookie = await signIn(hub as never);
  });
  afterAll(async () => {
    await hub.dispose();
  });

  const rest = async (id: string): Promise<Server> =>
    (await request(hub.url).get(`/api/v1/servers/${id}`).set('Cookie', cookie).expect(200)).body as Server;
  const streamState = async (id: string): Promise<ServerState | undefined> => {
    const client = await openWs(wsUrl(hub.url, BROWSER_WS_PATH), { cookie, origin: hub.url });
    try {
      const sync = fullSyncFrameSchema.parse(await client.next((f) => f.type === 'full_sync'));
      return sync.servers.find((s) => s.id === id);
    } finally {
      client.close();
    }
  };

  it('serves the last figures and last-seen time of a server that went away before the restart', async () => {
    const s = await createServer(hub.url, cookie, 'went-away');
    const quiet = await createServer(hub.url, cookie, 'never-reported');
    const agent = new SeedAgent(hub.wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    // equal figures: two samples may fall into two minutes, and the stored one is a minute's average
    agent.sendMetrics({ cpuUsagePercent: 50, ramUsagePercent: 62.5 });
    agent.sendMetrics({ cpuUsagePercent: 50, ramUsagePercent: 62.5 });
    await eventually(async () => (await streamState(s.id))?.metrics?.cpuPercent === 50, 5_000);
    // the hub named the OS from the seed-002 host facts, without the kernel build string
    await eventually(async () => (await rest(s.id)).os === 'Linux', 5_000);
    agent.close();
    await agent.socket.waitClosed();
    await eventually(async () => (await rest(s.id)).offlineSince !== null, 6_000);
    const before = await streamState(s.id);
    expect(before).toMatchObject({ online: false, metrics: { cpuPercent: 50 } });
    const lastSeen = (await rest(s.id)).lastSeenAt!;

    await hub.stop();
    await hub.start();
    cookie = await signIn(hub as never);

    const after = await streamState(s.id);
    expect(after?.online).toBe(false);
    expect(after?.lastSeenAt).toBe(lastSeen);
    expect(after?.os).toBe('Linux');
    const at = Date.parse(after!.metrics!.at);
    expect(at).toBeLessThanOrEqual(Date.parse(lastSeen));
    expect(at).toBeGreaterThan(Date.parse(lastSeen) - 60_000);
    // minute rows keep filesystem usage and uptime only every fifth minute (metric-catalog.ts)
    const slow = keepsSlowValues(Math.floor(at / 60_000));
    expect(after?.metrics).toEqual({
      at: after!.metrics!.at,
      cpuPercent: 50,
      memoryPercent: 62.5,
      memoryUsedGB: null,
      memoryTotalGB: null,
      swapPercent: null,
      load1: 0.5,
      load5: 0.4,
      load15: 0.2,
      diskPercent: slow ? 4.5 : null,
      diskUsedGB: null,
      diskTotalGB: null,
      diskReadMBps: 1.2,
      diskWriteMBps: 0.5,
      netInMbps: 12.4,
      netOutMbps: 5.2,
      uptimeSeconds: slow ? 3600 : null,
      processCount: null,
      tcpConnections: null,
      udpConnections: null,
      cpuTemperatureC: null,
    });
    await expect(rest(s.id)).resolves.toMatchObject({ online: false, lastSeenAt: lastSeen, os: 'Linux' });

    const none = await streamState(quiet.id);
    expect(none).toMatchObject({ online: false, lastSeenAt: null, metrics: null });
  }, 60_000);
});
