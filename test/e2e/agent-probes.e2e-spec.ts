import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { pingResultPayloadSchema } from '@hivewatch/protocol';
import { buildAgentBundle, collect, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventually, sleep } from '../support/agents/fixtures.js';

interface Frame {
  type: string;
  id?: number | null;
  action: string;
  payload: Record<string, unknown>;
}

/** A stand-in hub on 127.0.0.1: accepts the agent's authenticate, records frames, sends requests. */
class ProbeHub {
  readonly frames: Frame[] = [];
  private socket: WebSocket | undefined;
  private nextId = 1;

  constructor(readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
        if (frame.action === 'authenticate')
          socket.send(
            JSON.stringify({
              type: 'response',
              id: frame.id,
              action: 'authenticate',
              payload: { status: 'ok', server_id: 'srv-p' },
            }),
          );
        else this.frames.push(frame);
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1/agents/ws`;
  }

  results(): Frame[] {
    return this.frames.filter((f) => f.type === 'event' && f.action === 'ping-result');
  }

  async request(action: string, payload: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    await eventually(() => this.socket, 15_000);
    this.socket?.send(JSON.stringify({ type: 'request', id, action, payload, timestamp: Date.now() }));
    const response = await eventually(
      () => this.frames.find((f) => f.type === 'response' && f.id === id),
      10_000,
    );
    return response.payload;
  }
}

describe('agent bundle: probes (ping-tasks-sync → ping-result)', () => {
  let dir: string;
  let hub: ProbeHub;
  let tcp: Server;
  let tcpPort: number;
  let agent: RunningProcess | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-probes-e2e-'));
    const bundle = buildAgentBundle(dir);
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    hub = new ProbeHub(wss);
    tcp = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    tcpPort = (tcp.address() as AddressInfo).port;
    fs.writeFileSync(path.join(dir, 'token'), 'token-probes\n', { mode: 0o600 });
    const args = [bundle, '--hub', hub.url, '--id', 'agent-probes', '--token-file', path.join(dir, 'token')];
    args.push(
      '--capabilities',
      'ping',
      '--config',
      path.join(dir, 'agent.json'),
      '--state',
      path.join(dir, 'state.json'),
    );
    agent = collect(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  }, 120_000);

  afterAll(async () => {
    if (agent?.child.pid !== undefined && agent.child.exitCode === null) {
      process.kill(agent.child.pid, 'SIGTERM');
      await agent.exited;
    }
    for (const client of hub.server.clients) client.terminate();
    await new Promise<void>((resolve) => hub.server.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the synced tasks, sends valid ping-result events, and stops on an empty sync', async () => {
    const tasks = ['a', 'b', 'c', 'd'].map((id) => ({
      id,
      probe: id === 'd' ? 'icmp' : 'tcp',
      target: id === 'd' ? '127.0.0.1' : `127.0.0.1:${tcpPort}`,
      intervalSeconds: 10,
      timeoutMs: 2000,
    }));
    const synced = await hub.request('ping-tasks-sync', { tasks });
    expect(synced).toMatchObject({ status: 'ok', data: { tasks: 4, started: 4 } });
    const seen = await eventually(
      () => new Set(hub.results().map((f) => f.payload.taskId)).size === 4 || undefined,
      25_000,
    );
    expect(seen).toBe(true);
    for (const frame of hub.results()) {
      expect(pingResultPayloadSchema.safeParse(frame.payload).success).toBe(true);
      expect(frame.payload).toMatchObject({ success: true, error: null });
    }
    const icmp = hub.results().find((f) => f.payload.taskId === 'd');
    expect(icmp?.payload.method).toBe(process.getuid?.() === 0 ? 'icmp' : 'tcp-fallback');

    expect(await hub.request('ping-tasks-sync', { tasks: [] })).toMatchObject({
      status: 'ok',
      data: { stopped: 4 },
    });
    const count = hub.results().length;
    await sleep(11_000);
    expect(hub.results()).toHaveLength(count);
  }, 60_000);

  it('refuses an invalid task set with a clear error', async () => {
    const bad = await hub.request('ping-tasks-sync', {
      tasks: [{ id: 'x', probe: 'tcp', target: 'h:1', intervalSeconds: 1, timeoutMs: 2000 }],
    });
    expect(bad).toMatchObject({ status: 'error' });
    expect(String(bad.message)).toMatch(/intervalSeconds: must be >= 10/);
  });
});
