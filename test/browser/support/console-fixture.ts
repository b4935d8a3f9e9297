import { createServer } from '../../support/agents/fixtures.js';
import { SeedAgent } from '../../support/agents/seed-agent.js';
import { signIn } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { openBrowser, type BrowserSession } from './browser.js';
import { ensureConsoleBuilt } from './console-build.js';

/** What most browser tests start from. */
export interface ConsoleFixture {
  hub: TestApp;
  /** The admin's API session cookie. */
  cookie: string;
  /** One server, `web-01`, with its seed agent connected and one sample sent. */
  server: { id: string; token: string };
  agent: SeedAgent;
  /** A browser for the admin, not signed in yet. */
  admin: BrowserSession;
  close(): Promise<void>;
}

/** The built console, a real hub (configuration `env`), server `web-01` reporting `cpu` %, a browser. */
export async function startConsoleFixture(
  env: Record<string, string> = {},
  cpu = 12.5,
): Promise<ConsoleFixture> {
  await ensureConsoleBuilt();
  const hub = await startTestApp(env);
  const cookie = await signIn(hub);
  const server = await createServer(hub.url, cookie, 'web-01');
  const agent = new SeedAgent(`${hub.url.replace('http', 'ws')}/api/v1/agents/ws`, {
    serverId: server.id,
    token: server.token,
  });
  await agent.connect();
  agent.sendMetrics({ cpuUsagePercent: cpu });
  const admin = await openBrowser(hub.url);
  return {
    hub,
    cookie,
    server,
    agent,
    admin,
    async close() {
      await admin.close();
      agent.close();
      await hub.close();
    },
  };
}
