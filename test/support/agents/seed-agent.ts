import { TestSocket } from './socket.js';

export type Handler = (
  payload: unknown,
) =>
  | { status: 'ok'; data?: unknown }
  | { status: 'error'; message: string }
  | 'no-answer'
  | Record<string, unknown>;

export interface SeedAgentOptions {
  serverId: string;
  token: string;
  /** Extra authenticate payload fields (our agent's: capabilities, protocol_version, resume …). */
  extra?: Record<string, unknown>;
  handlers?: Record<string, Handler>;
}

/** A plausible seed-002 metrics payload. */
export function seedMetrics(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cpuUsagePercent: 12.5,
    ramUsagePercent: 45.2,
    ramUsedGB: 4.1,
    uptimeSeconds: 3600,
    normalizedLoad: { '1m': 0.5, '5m': 0.4, '15m': 0.2 },
    diskReadSpeedMBps: 1.2,
    diskWriteSpeedMBps: 0.5,
    diskUsage: [
      {
        device: '/dev/sda1',
        mountpoint: '/',
        fstype: 'ext4',
        totalGB: 450.5,
        usedGB: 20.1,
        usagePercent: 4.5,
      },
    ],
    networkInterfaces: [
      {
        name: 'eth0',
        mac: '00:11:22:33:44:55',
        ipv4: '192.168.1.10',
        ipv6: 'fe80::1',
        uploadSpeedMbps: 5.2,
        downloadSpeedMbps: 12.4,
      },
    ],
    ...over,
  };
}

/** Answers of a healthy seed-002 host, in the shapes that agent really sends (some wrapped). */
export const SEED_HANDLERS: Record<string, Handler> = {
  'get-server-info': () => ({
    status: 'ok',
    data: {
      hostname: 'server-01',
      ipAddress: '192.168.1.5',
      os: 'Linux',
      osVersion: '#75-Ubuntu',
      kernel: '5.15.0',
      architecture: 'x86_64',
      cpuModel: 'Intel Xeon',
      cpuCores: 4,
      cpuThreads: 8,
    },
  }),
  'get-services': () => ({
    status: 'ok',
    data: { services: [{ name: 'nginx', activeState: 'active', subState: 'running' }] },
  }),
  'get-service': (p) => ({
    status: 'ok',
    data: {
      name: (p as { name: string }).name,
      mainPID: 812,
      cpuUsagePercent: 0.3,
      memoryUsage: 42,
      restart: 'always',
    },
  }),
  'get-service-log': () => ({ status: 'ok', data: [{ log: '2024-01-01T00:00:00Z started' }] }),
  'restart-service': () => ({ status: 'ok' }),
  'get-processes': () => ({
    status: 'ok',
    data: [{ pid: 1, name: 'systemd', user: 'root', status: 'sleeping', cpuPercent: 0, memoryPercent: 0.1 }],
  }),
  'get-process': (p) => ({
    status: 'ok',
    data: {
      pid: Number((p as { pid: number | string }).pid),
      name: 'python',
      user: 'root',
      status: 'running',
      cpuPercent: 0.5,
      memoryPercent: 1.2,
      cmdline: 'python app.py',
      nice: 0,
      numThreads: 4,
      uptimeSeconds: 100,
    },
  }),
  'update-agent-config': () => ({ status: 'ok' }),
};

/**
 * The customer's existing agent (seed 002), scripted: authenticates with agent_id + token, answers
 * requests, and — like the real one — caches responses by request id: a request whose id it has seen
 * is NOT executed again, the cached response is returned. The cache survives reconnects (same process).
 */
export class SeedAgent {
  socket!: TestSocket;
  /** How many times each action really ran (cache hits excluded). */
  readonly executions = new Map<string, number>();
  /** Every request frame received, in order. */
  readonly requests: { id: number; action: string; payload: unknown }[] = [];
  readonly cache = new Map<number, string>();
  cacheHits = 0;
  /** When set, requests are received but not answered (for timeouts and re-sends). */
  silent = false;
  private readonly handlers: Record<string, Handler>;

  constructor(
    private readonly url: string,
    readonly options: SeedAgentOptions,
  ) {
    this.handlers = { ...SEED_HANDLERS, ...options.handlers };
  }

  /** Connects and authenticates; resolves with the authenticate reply. */
  async connect(): Promise<Record<string, unknown>> {
    this.socket = await TestSocket.open(this.url);
    this.socket.ws.on('message', (data) => this.onFrame((data as Buffer).toString('utf8')));
    this.socket.send({
      type: 'request',
      action: 'authenticate',
      payload: { agent_id: this.options.serverId, token: this.options.token, ...this.options.extra },
    });
    return this.socket.next((f) => f['action'] === 'authenticate');
  }

  /** Re-dials until the hub answers (after a restart), keeping the response cache. */
  async reconnect(timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.connect();
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  sendMetrics(over: Record<string, unknown> = {}, timestamp: number | null = Date.now()): void {
    const frame: Record<string, unknown> = { type: 'event', action: 'metrics', payload: seedMetrics(over) };
    if (timestamp !== null) frame['timestamp'] = timestamp;
    this.socket.send(frame);
  }

  ran(action: string): number {
    return this.executions.get(action) ?? 0;
  }

  close(): void {
    this.socket.close();
  }

  private onFrame(text: string): void {
    let frame: { type?: string; id?: number; action?: string; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (frame.type !== 'request' || typeof frame.id !== 'number' || typeof frame.action !== 'string') return;
    this.requests.push({ id: frame.id, action: frame.action, payload: frame.payload });
    const cached = this.cache.get(frame.id);
    if (cached !== undefined) {
      this.cacheHits++;
      this.socket.sendRaw(cached);
      return;
    }
    if (this.silent) return;
    const handler = this.handlers[frame.action];
    this.executions.set(frame.action, this.ran(frame.action) + 1);
    const answer = handler
      ? handler(frame.payload)
      : { status: 'error', message: `unknown action ${frame.action}` };
    if (answer === 'no-answer') return;
    const response = JSON.stringify({
      type: 'response',
      id: frame.id,
      action: frame.action,
      payload: answer,
      timestamp: Date.now(),
    });
    this.cache.set(frame.id, response);
    this.socket.sendRaw(response);
  }
}
