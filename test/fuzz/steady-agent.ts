import WebSocket from 'ws';
import { SEED_HANDLERS, seedMetrics } from '../support/agents/seed-agent.js';
import type { AgentCredentials } from './agent-connection-fuzz.js';
import { isErrorReply } from './oracle.js';

/**
 * The well-behaved agent that reports throughout the fuzz run: our protocol (version 2, numbered
 * samples, acks), one valid sample every `intervalMs`. At the end every sample must be acknowledged
 * (the hub acks a seq only once it and all before it are on disk) and none may have been refused.
 */
export class SteadyAgent {
  sent = 0;
  ackedSeq = 0;
  errorReplies: unknown[] = [];
  closes: { code: number; reason: string }[] = [];
  private ws: WebSocket | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly wsUrl: string,
    private readonly creds: AgentCredentials,
    private readonly intervalMs = 500,
  ) {}

  async start(): Promise<void> {
    const ws = new WebSocket(this.wsUrl);
    this.ws = ws;
    ws.on('error', () => undefined);
    ws.on('close', (code, reason) => {
      if (!this.stopped) this.closes.push({ code, reason: reason.toString() });
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const authed = new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>;
        if (frame['action'] === 'authenticate')
          return frame['status'] === 'ok' ? resolve() : reject(new Error('steady agent refused'));
        this.onFrame(frame);
      });
    });
    ws.send(
      JSON.stringify({
        type: 'request',
        id: 1,
        action: 'authenticate',
        payload: {
          agent_id: this.creds.id,
          token: this.creds.token,
          agent_version: 'fuzz-steady',
          protocol_version: 2,
          capabilities: [],
        },
      }),
    );
    await authed;
    this.timer = setInterval(() => this.report(), this.intervalMs);
  }

  /** Stops reporting (the socket stays open for the last acks). */
  pause(): void {
    clearInterval(this.timer);
  }

  close(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.ws?.close(1000);
  }

  private report(): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    const seq = this.sent + 1;
    this.ws.send(
      JSON.stringify({
        type: 'event',
        action: 'metrics',
        payload: seedMetrics({ cpuUsagePercent: (seq * 7) % 100, uptimeSeconds: 3600 + seq, seq }),
        timestamp: Date.now(),
      }),
    );
    this.sent = seq;
  }

  private onFrame(frame: Record<string, unknown>): void {
    if (frame['type'] === 'event' && frame['action'] === 'ack') {
      const seq = (frame['payload'] as { seq?: unknown } | undefined)?.seq;
      if (typeof seq === 'number') this.ackedSeq = Math.max(this.ackedSeq, seq);
      return;
    }
    if (isErrorReply(frame)) {
      this.errorReplies.push(frame);
      return;
    }
    if (frame['type'] === 'request' && typeof frame['id'] === 'number') {
      // Answers like the seed-002 agent does (get-server-info right after connecting, …).
      const handler = SEED_HANDLERS[String(frame['action'])];
      const payload = handler?.(frame['payload']) ?? { status: 'error', message: 'unknown action' };
      this.ws?.send(
        JSON.stringify({
          type: 'response',
          id: frame['id'],
          action: frame['action'],
          payload,
          timestamp: Date.now(),
        }),
      );
    }
  }
}
