import request from 'supertest';
import { signIn } from '../http.js';
import { startTestApp, type TestApp } from '../test-app.js';
import { createServer, eventually } from './fixtures.js';
import { SimpleAgent } from './simple-agent.js';

/** A test hub, its admin's cookie, and one server whose seed-001 (simple-dialect) agent is online. */
export interface SimpleHost {
  hub: TestApp;
  cookie: string;
  server: { id: string; token: string };
  agent: SimpleAgent;
}

/**
 * Starts a hub, signs in, creates the server `serverName` and connects a simple-dialect agent with
 * its token; resolves once the hub shows the server online (its `simpleCommands` switch still off).
 */
export async function startSimpleHost(serverName: string): Promise<SimpleHost> {
  const hub = await startTestApp();
  try {
    const cookie = await signIn(hub);
    const server = await createServer(hub.url, cookie, serverName);
    const agent = new SimpleAgent(`${hub.url.replace('http', 'ws')}/api/v1/agents/ws`, server.token);
    const reply = await agent.connect();
    if (reply['type'] !== 'auth_success')
      throw new Error(`the simple agent was refused: ${JSON.stringify(reply)}`);
    await eventually(async () => {
      const r = await request(hub.url).get(`/api/v1/servers/${server.id}`).set('Cookie', cookie).expect(200);
      return (r.body as { online?: boolean }).online === true;
    }, 10_000);
    return { hub, cookie, server, agent };
  } catch (error) {
    await hub.close();
    throw error;
  }
}
