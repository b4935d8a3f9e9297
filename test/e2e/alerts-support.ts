import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { SeedAgent } from '../support/agents/seed-agent.js';
import { TEST_ADMIN } from '../support/test-app.js';

/** Fast timers for alert e2e tests: evaluator, queue poll and retry schedule in milliseconds. */
export const FAST_ALERTS = {
  HIVEWATCH_ALERTS_EVAL_MS: '150',
  HIVEWATCH_NOTIFY_POLL_MS: '100',
  HIVEWATCH_NOTIFY_RETRY_DELAYS_MS: '200,200,200,200',
};

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver on 127.0.0.1: records every request, answers with the scripted statuses. */
export class HookServer {
  readonly received: Received[] = [];
  /** Statuses for the next requests, in order; then 200. */
  script: number[] = [];
  private server!: http.Server;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const status = this.script.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try again');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  bodies(): Record<string, unknown>[] {
    return this.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Sends a metrics event every `everyMs` until stopped (a live agent reporting). */
export function pump(agent: SeedAgent, over: () => Record<string, unknown>, everyMs = 100): { stop(): void } {
  const timer = setInterval(() => {
    try {
      agent.sendMetrics(over());
    } catch {
      /* socket closing */
    }
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}

/** A webhook channel, a group holding it, returned ids. */
export async function webhookGroup(
  baseUrl: string,
  cookie: string,
  hookUrl: string,
  extra: Record<string, unknown> = {},
): Promise<{ channelId: string; groupId: string }> {
  // Setting a channel secret is a step-up action; these tests move the hub's clock past the proof
  // the sign-in gave, so the admin proves it again with the password, as the console would ask.
  await request(baseUrl)
    .post('/api/v1/auth/step-up')
    .set('Cookie', cookie)
    .send({ password: TEST_ADMIN.password })
    .expect(200);
  const channel = await request(baseUrl)
    .post('/api/v1/notification-channels')
    .set('Cookie', cookie)
    .send({
      name: `hook-${Math.random().toString(36).slice(2, 8)}`,
      type: 'webhook',
      settings: { url: hookUrl, ...extra },
      secrets: { headers: { Authorization: 'Bearer hook-secret-123' } },
    })
    .expect(201);
  const group = await request(baseUrl)
    .post('/api/v1/notification-groups')
    .set('Cookie', cookie)
    .send({ name: `group-${Math.random().toString(36).slice(2, 8)}`, channelIds: [channel.body.id] })
    .expect(201);
  return { channelId: channel.body.id as string, groupId: group.body.id as string };
}

export async function createRule(
  baseUrl: string,
  cookie: string,
  rule: Record<string, unknown>,
): Promise<string> {
  const res = await request(baseUrl).post('/api/v1/alert-rules').set('Cookie', cookie).send(rule);
  if (res.status !== 201) throw new Error(`rule: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
