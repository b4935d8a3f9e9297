import request from 'supertest';
import { createServer, eventually } from '../../support/agents/fixtures.js';
import { SEED_HANDLERS, SeedAgent } from '../../support/agents/seed-agent.js';

/** A server with a connected seed agent that reports this hostname and address. */
export async function serverWithAgent(
  baseUrl: string,
  cookie: string,
  name: string,
  info: { hostname: string; ipAddress: string },
): Promise<{ id: string; agent: SeedAgent }> {
  const server = await createServer(baseUrl, cookie, name);
  const agent = new SeedAgent(`${baseUrl.replace(/^http/, 'ws')}/api/v1/agents/ws`, {
    serverId: server.id,
    token: server.token,
    handlers: {
      'get-server-info': () => {
        const base = SEED_HANDLERS['get-server-info']!(undefined) as { data: Record<string, unknown> };
        return { status: 'ok', data: { ...base.data, ...info } };
      },
    },
  });
  await agent.connect();
  await eventually(async () => {
    const res = await request(baseUrl).get(`/api/v1/servers/${server.id}`).set('Cookie', cookie);
    const sys = (res.body.systemInfo ?? res.body.server?.systemInfo) as Record<string, unknown> | null;
    return sys?.['hostname'] === info.hostname;
  }, 10_000);
  return { id: server.id, agent };
}

/** Creates a page listing two servers (one with its address shown) and returns ids of page and components. */
export async function composePage(
  baseUrl: string,
  cookie: string,
  slug: string,
  web: string,
  api: string,
  published = true,
): Promise<{ pageId: string; webComponent: string; apiComponent: string }> {
  const res = await request(baseUrl)
    .post('/api/v1/status-pages')
    .set('Cookie', cookie)
    .send({
      slug,
      title: 'Acme Cloud Status',
      logoText: 'AC',
      description: 'Live status of Acme’s public services.',
      published,
      groups: [
        {
          name: 'Public services',
          components: [
            { kind: 'server', serverId: web, publicName: 'Website', showAddress: true },
            { kind: 'server', serverId: api, publicName: 'Public API' },
          ],
        },
      ],
    });
  if (res.status !== 201) throw new Error(`page: ${res.status} ${JSON.stringify(res.body)}`);
  const comps = res.body.groups[0].components as { id: string; publicName: string }[];
  return {
    pageId: res.body.id as string,
    webComponent: comps.find((c) => c.publicName === 'Website')!.id,
    apiComponent: comps.find((c) => c.publicName === 'Public API')!.id,
  };
}

/** Opens a major incident "API unreachable" on the page's API component; resolves its id. */
export async function openApiIncident(
  baseUrl: string,
  cookie: string,
  page: { pageId: string; apiComponent: string },
  message: string,
): Promise<string> {
  const res = await request(baseUrl)
    .post(`/api/v1/status-pages/${page.pageId}/incidents`)
    .set('Cookie', cookie)
    .send({ title: 'API unreachable', impact: 'major', componentIds: [page.apiComponent], message })
    .expect(201);
  return res.body.id as string;
}
