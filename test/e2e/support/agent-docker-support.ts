import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { Agent } from '../../../agent/src/agent.js';
import { resolveConfig, type AgentConfigInput } from '../../../agent/src/config/agent-config.js';
import { Backoff } from '../../../agent/src/connection/backoff.js';
import { JsonLogger } from '../../../agent/src/log/logger.js';
import { eventually } from '../../support/agents/fixtures.js';

export interface Frame {
  type: string;
  id?: number | null;
  action: string;
  payload: Record<string, unknown>;
  timestamp?: number;
}

/**
 * A stand-in hub for the agent's Docker module: a WebSocket server on 127.0.0.1 that accepts the
 * agent's authenticate, records every frame and sends requests. The real hub's Docker handling is
 * tested on its side; this one checks what the agent itself sends.
 */
export class StandInHub {
  readonly frames: Frame[] = [];
  /** Authenticated links so far (a reconnect adds one). */
  authenticated = 0;
  private socket: WebSocket | undefined;
  private nextId = 1;

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
        if (frame.type === 'request' && frame.action === 'authenticate') {
          this.authenticated += 1;
          socket.send(
            JSON.stringify({
              type: 'response',
              id: frame.id,
              action: 'authenticate',
              payload: { status: 'ok', server_id: 'srv-docker' },
            }),
          );
          return;
        }
        this.frames.push(frame);
      });
    });
  }

  static async start(): Promise<StandInHub> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new StandInHub(server);
  }

  get url(): string {
    const address = this.server.address();
    return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/agents/ws`;
  }

  events(action: string): Frame[] {
    return this.frames.filter((f) => f.type === 'event' && f.action === action);
  }

  /** Sends a request and resolves its response payload. */
  async request(action: string, payload: unknown, timeoutMs = 30_000): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.socket?.send(JSON.stringify({ type: 'request', id, action, payload, timestamp: Date.now() }));
    const response = await eventually(
      () => this.frames.find((f) => f.type === 'response' && f.id === id),
      timeoutMs,
    );
    if (!response) throw new Error(`no response to ${action}`);
    return response.payload;
  }

  /** Drops the agent's link (it reconnects on its own). */
  dropLink(): void {
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Our agent in-process, with `input` over a fresh temp config/state and a 1 s interval. */
export async function startDockerAgent(
  hubUrl: string,
  input: AgentConfigInput,
): Promise<{ agent: Agent; stop(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-docker-agent-'));
  const config = resolveConfig(input, {
    hubUrl,
    agentId: 'agent-docker',
    token: 'token-docker',
    configFile: path.join(dir, 'agent.json'),
    stateFile: path.join(dir, 'state.json'),
    metricsInterval: 1,
  });
  const agent = new Agent({ config, logger: new JsonLogger('silent'), backoff: new Backoff(50, 500) });
  await agent.start();
  return {
    agent,
    stop() {
      agent.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
