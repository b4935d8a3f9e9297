import type { AgentCredentials } from './agent-connection-fuzz.js';
import type { RestRoute } from './http-fuzz.js';
import { FUZZ_ADMIN } from './hub-process.js';

/** The few REST calls the fuzz suite makes as a well-behaved admin. */
export class HubApi {
  private constructor(
    readonly url: string,
    readonly cookie: string,
  ) {}

  static async signIn(url: string): Promise<HubApi> {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(FUZZ_ADMIN),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('hw_session='));
    if (!res.ok || !session) throw new Error(`admin sign-in failed: ${res.status}`);
    return new HubApi(url, session.split(';')[0]!);
  }

  async createServer(name: string): Promise<AgentCredentials> {
    const res = await fetch(`${this.url}/api/v1/servers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, origin: this.url },
      body: JSON.stringify({ name }),
    });
    const body = (await res.json()) as { server?: { id: string }; token?: string };
    if (res.status !== 201 || !body.server || !body.token)
      throw new Error(`creating a server failed: ${res.status}`);
    return { id: body.server.id, token: body.token };
  }

  async agentStats(): Promise<AgentStats> {
    const res = await fetch(`${this.url}/api/v1/agents/stats`, { headers: { cookie: this.cookie } });
    if (!res.ok) throw new Error(`GET /api/v1/agents/stats: ${res.status}`);
    return (await res.json()) as AgentStats;
  }

  /** Every REST route of the OpenAPI document with its query parameter names. */
  async routes(): Promise<RestRoute[]> {
    const res = await fetch(`${this.url}/api/docs-json`);
    if (!res.ok) throw new Error(`GET /api/docs-json: ${res.status}`);
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    return Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method,
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
  }
}

export interface AgentStats {
  badFramesTotal: number;
  badFrames: Record<string, number>;
  badFirstFrames: number;
  credentialsInQuery: number;
  floodClosed: number;
  samples: number;
}
