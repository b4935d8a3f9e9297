import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AgentPresence } from '../../src/agents/agent-presence.js';
import { AgentRegistry } from '../../src/agents/agent-registry.js';
import { HubEvents, type HubEventMap } from '../../src/common/events/hub-events.js';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('agent presence: replacement, offline detection', () => {
  let hub: TestApp;
  let cookie: string;
  let wsUrl: string;
  const seen: { event: string; serverId: string; reason?: string }[] = [];

  beforeAll(async () => {
    hub = await startTestApp({
      HIVEWATCH_AGENT_OFFLINE_SECONDS: '1',
      HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS: '1',
    });
    cookie = await signIn(hub);
    wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
    const events = hub.app.get(HubEvents);
    events.on('server.online', (e) => seen.push({ event: 'online', serverId: e.serverId }));
    events.on('server.offline', (e: HubEventMap['server.offline']) =>
      seen.push({ event: 'offline', serverId: e.serverId, reason: e.reason }),
    );
  });
  afterAll(async () => {
    await hub.close();
  });
  const of = (id: string) => seen.filter((e) => e.serverId === id).map((e) => e.reason ?? e.event);

  it('replaces the old connection (4409) without an offline/online flap', async () => {
    const s = await createServer(hub.url, cookie);
    const first = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await first.connect();
    const second = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await second.connect();
    expect((await first.socket.waitClosed()).code).toBe(4409);
    await sleep(1300); // past the reconnect grace: the old socket's close must not mark it offline
    expect(of(s.id)).toEqual(['online']);
    expect(hub.app.get(AgentRegistry).get(s.id)).toBeDefined();
    expect(hub.app.get(AgentPresence).isOnline(s.id)).toBe(true);
    second.close();
    await eventually(() => of(s.id).includes('disconnected'), 4000);
    expect(of(s.id)).toEqual(['online', 'disconnected']);
  });

  it('a quick reconnect within the grace is no flap either', async () => {
    const s = await createServer(hub.url, cookie);
    const agent = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    agent.socket.terminate();
    await agent.reconnect();
    await sleep(1300);
    expect(of(s.id)).toEqual(['online']);
    agent.close();
  });

  it('goes offline after the silence window, and back online with the next frame', async () => {
    const s = await createServer(hub.url, cookie);
    const agent = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    await sleep(1200);
    hub.app.get(AgentPresence).checkSilent(); // what the 10 s job calls
    expect(of(s.id)).toEqual(['online', 'timeout']);
    agent.sendMetrics();
    await eventually(() => of(s.id).length === 3);
    expect(of(s.id)).toEqual(['online', 'timeout', 'online']);
    agent.close();
  });
});
