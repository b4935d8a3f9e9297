import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationMessage } from '../../message.js';
import type { ResolvedChannel, SendResult } from '../channel-sender.js';
import { HttpClient } from '../http-client.js';
import { ServiceSender, type ServiceApi } from '../service-sender.js';

export interface StandInRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StandInAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A local stand-in for a chat, push or paging service on 127.0.0.1: records every request and
 * answers with the scripted answers in order, then with `fallback`.
 */
export class ServiceStandIn {
  readonly received: StandInRequest[] = [];
  script: StandInAnswer[] = [];
  private server!: http.Server;

  constructor(private readonly fallback: StandInAnswer = { status: 202, body: '{"status":"success"}' }) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const answer = this.script.shift() ?? this.fallback;
        res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The last request's body as JSON. */
  lastJson(): Record<string, unknown> {
    const last = this.received.at(-1);
    if (!last) throw new Error('the stand-in received nothing');
    return JSON.parse(last.body) as Record<string, unknown>;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A firing alert's message; override what a test is about. */
export function alertMessage(over: Partial<NotificationMessage> = {}): NotificationMessage {
  return {
    state: 'firing',
    server: 'web-1',
    serverId: 'srv-1',
    rule: 'High CPU',
    ruleId: 'rule-1',
    alertId: '0b9a7f3e-5c1d-4e2a-9f00-1234567890ab',
    severity: 'critical',
    metric: 'CPU',
    value: '93.5',
    threshold: '90',
    unit: '%',
    message: 'CPU 93.5 % > 90 % for 300 s',
    time: '2026-12-03T08:00:00.000Z',
    link: 'https://hive.example.test/servers/srv-1',
    ...over,
  };
}

export function channelOf(
  type: ResolvedChannel['type'],
  settings: Record<string, unknown>,
  secrets: Record<string, unknown>,
): ResolvedChannel {
  return {
    id: 'c0ffee00-0000-4000-8000-000000000001',
    name: type,
    type,
    settings: settings as never,
    secrets,
  };
}

/** Sends through the real HTTP client, as the delivery queue does. */
export function sendVia(
  api: ServiceApi,
  channel: ResolvedChannel,
  m: NotificationMessage,
): Promise<SendResult> {
  return new ServiceSender(new HttpClient(), api).send(channel, m, 5000);
}
