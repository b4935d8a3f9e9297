import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server, ServerList } from '@hivewatch/protocol';
import request from 'supertest';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { RestartableHub } from '../support/agents/hub.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';

/** Presence in the REST answers, and an offline server's absence counted across a real hub restart. */
describe('server presence across a hub restart', () => {
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

  const one = async (id: string): Promise<Server> =>
    (await request(hub.url).get(`/api/v1/servers/${id}`).set('Cookie', cookie).expect(200)).body as Server;
  const listed = async (id: string): Promise<Server | undefined> =>
    (
      (await request(hub.url).get('/api/v1/servers').set('Cookie', cookie).expect(200)).body as ServerList
    ).items.find((s) => s.id === id);

  it('answers online and a live last contact for a connected server (not "never")', async () => {
    const s = await createServer(hub.url, cookie, 'present');
    const fresh = await one(s.id);
    expect(fresh).toMatchObject({ online: false, lastSeenAt: null, offlineSince: null });

    const agent = new SeedAgent(hub.wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    agent.sendMetrics({ cpuUsagePercent: 5 });
    await eventually(async () => (await one(s.id)).online, 5_000);
    const online = await listed(s.id);
    expect(online).toMatchObject({ online: true, offlineSince: null });
    expect(Date.parse(online!.lastSeenAt!)).toBeGreaterThan(Date.now() - 30_000);
    agent.close();
  }, 30_000);

  it('keeps counting an offline server from its real disconnect after the hub restarts', async () => {
    const s = await createServer(hub.url, cookie, 'gone');
    const agent = new SeedAgent(hub.wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    agent.sendMetrics({ cpuUsagePercent: 5 });
    await eventually(async () => (await one(s.id)).online, 5_000);
    agent.close();
    await agent.socket.waitClosed();
    await eventually(async () => (await one(s.id)).offlineSince !== null, 6_000);
    const before = await one(s.id);
    expect(before.online).toBe(false);
    const lastSeen = Date.parse(before.lastSeenAt!);
    const offlineSince = Date.parse(before.offlineSince!);
    expect(offlineSince).toBeGreaterThanOrEqual(lastSeen);

    await sleep(2_500); // the server stays away; then the hub restarts
    const restartedAt = Date.now();
    await hub.stop();
    await hub.start();
    cookie = await signIn(hub as never);

    const after = await one(s.id);
    expect(after.online).toBe(false);
    expect(after.lastSeenAt).toBe(before.lastSeenAt);
    // counted from the stored last contact, not from the restart
    expect(Date.parse(after.offlineSince!)).toBe(lastSeen);
    expect(Date.parse(after.offlineSince!)).toBeLessThan(restartedAt - 2_000);
    expect(Date.parse(after.offlineSince!)).toBeLessThanOrEqual(offlineSince);
    await expect(listed(s.id)).resolves.toMatchObject({ online: false, offlineSince: after.offlineSince });
  }, 60_000);
});
