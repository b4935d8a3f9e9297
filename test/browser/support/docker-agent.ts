import {
  PROTOCOL_VERSION,
  type ContainerSnapshot,
  type DockerAction,
  type DockerEventAction,
  type DockerInspect,
} from '@hivewatch/protocol';
import { TestSocket } from '../../support/agents/socket.js';

/** A 64-digit container id from a short tag. */
export function dockerId(tag: string): string {
  return Buffer.from(tag).toString('hex').padEnd(64, '0').slice(0, 64);
}

/** A running container with figures; `over` changes what the test is about. */
export function runningContainer(name: string, over: Partial<ContainerSnapshot> = {}): ContainerSnapshot {
  const now = Date.now();
  return {
    id: dockerId(name),
    name,
    image: 'hivewatch/test:1',
    state: 'running',
    health: 'none',
    restartCount: 0,
    exitCode: null,
    createdAt: now - 3 * 3_600_000,
    startedAt: now - 2 * 3_600_000,
    ports: [],
    cpuPercent: 3.2,
    memoryUsageBytes: 24_000_000,
    memoryLimitBytes: 512_000_000,
    netRxBytesPerSec: 1_200,
    netTxBytesPerSec: 800,
    blockReadBytesPerSec: 0,
    blockWriteBytesPerSec: 4_096,
    pids: 4,
    ...over,
  };
}

const NEXT_STATE: Partial<Record<DockerAction, ContainerSnapshot['state']>> = {
  start: 'running',
  restart: 'running',
  stop: 'exited',
  pause: 'paused',
  unpause: 'running',
};
const EVENT_OF: Record<DockerAction, DockerEventAction> = {
  start: 'start',
  restart: 'restart',
  stop: 'die',
  pause: 'pause',
  unpause: 'unpause',
  remove: 'destroy',
};

/**
 * An envelope-dialect agent with `docker` and `docker-actions`, scripted (the console tests need
 * containers, not a real engine — the Docker e2e suites drive a real dockerd): sends `docker-stats`
 * every second, answers inspect, actions (changing its list and sending the event) and log
 * streams (a few stdout and stderr lines, then one line a second until stopped).
 */
export class DockerAgent {
  socket: TestSocket | undefined;
  readonly actions: { containerId: string; action: DockerAction }[] = [];
  private readonly timers = new Set<ReturnType<typeof setInterval>>();
  private readonly logs = new Map<string, ReturnType<typeof setInterval>>();

  constructor(
    private readonly url: string,
    private readonly serverId: string,
    private readonly token: string,
    public containers: ContainerSnapshot[],
  ) {}

  async connect(): Promise<void> {
    const socket = await TestSocket.open(this.url);
    this.socket = socket;
    socket.ws.on('message', (data) => this.onFrame((data as Buffer).toString('utf8')));
    socket.send({
      type: 'request',
      action: 'authenticate',
      payload: {
        agent_id: this.serverId,
        token: this.token,
        protocol_version: PROTOCOL_VERSION,
        agent_version: '1.0.0',
        capabilities: ['docker', 'docker-actions'],
      },
    });
    const reply = await socket.next((f) => f['action'] === 'authenticate');
    if ((reply['payload'] as { status?: string } | undefined)?.status !== 'ok')
      throw new Error(`authentication refused: ${JSON.stringify(reply)}`);
    this.sendStats();
    this.timers.add(setInterval(() => this.sendStats(), 1000));
  }

  close(): void {
    for (const t of [...this.timers, ...this.logs.values()]) clearInterval(t);
    this.socket?.close();
  }

  sendStats(): void {
    this.event('docker-stats', { available: true, at: Date.now(), containers: this.containers });
  }

  event(action: string, payload: unknown): void {
    if (this.socket?.ws.readyState === this.socket?.ws.OPEN)
      this.socket?.send({ type: 'event', action, payload, timestamp: Date.now() });
  }

  private answer(id: number, action: string, payload: unknown): void {
    this.socket?.send({ type: 'response', id, action, payload, timestamp: Date.now() });
  }

  private onFrame(text: string): void {
    const frame = JSON.parse(text) as { type?: string; id?: number; action?: string; payload?: unknown };
    if (frame.type !== 'request' || typeof frame.id !== 'number' || !frame.action) return;
    const p = (frame.payload ?? {}) as Record<string, unknown>;
    const found = this.containers.find((c) => c.id === p['containerId'] || c.name === p['containerId']);
    switch (frame.action) {
      case 'docker-list':
        return this.answer(frame.id, frame.action, {
          status: 'ok',
          data: { available: true, containers: this.containers },
        });
      case 'docker-inspect':
        return found
          ? this.answer(frame.id, frame.action, { status: 'ok', data: inspectOf(found) })
          : this.answer(frame.id, frame.action, { status: 'error', message: 'No such container' });
      case 'docker-action':
        return this.act(frame.id, p['action'] as DockerAction, found);
      case 'docker-logs-start':
        return this.startLogs(frame.id, String(p['streamId']));
      case 'docker-logs-stop':
        clearInterval(this.logs.get(String(p['streamId'])));
        this.logs.delete(String(p['streamId']));
        return this.answer(frame.id, frame.action, { status: 'ok' });
      default:
        return this.answer(frame.id, frame.action, {
          status: 'error',
          message: `unsupported: ${frame.action}`,
        });
    }
  }

  private act(id: number, action: DockerAction, c: ContainerSnapshot | undefined): void {
    if (!c) return this.answer(id, 'docker-action', { status: 'error', message: 'No such container' });
    this.actions.push({ containerId: c.id, action });
    if (action === 'remove') this.containers = this.containers.filter((x) => x.id !== c.id);
    else {
      const state = NEXT_STATE[action] ?? c.state;
      const stopped = state === 'exited';
      Object.assign(c, {
        state,
        exitCode: stopped ? 0 : c.exitCode,
        startedAt: action === 'start' || action === 'restart' ? Date.now() : c.startedAt,
        cpuPercent: stopped ? null : c.cpuPercent,
        memoryUsageBytes: stopped ? null : c.memoryUsageBytes,
      });
    }
    this.event('docker-event', {
      containerId: c.id,
      containerName: c.name,
      image: c.image,
      action: EVENT_OF[action],
      at: Date.now(),
      ...(action === 'stop' ? { exitCode: 0 } : {}),
    });
    this.sendStats();
    this.answer(id, 'docker-action', { status: 'ok', data: { message: `${action} done` } });
  }

  private startLogs(id: number, streamId: string): void {
    this.answer(id, 'docker-logs-start', { status: 'ok' });
    const at = Date.now();
    this.event('docker-log', {
      streamId,
      entries: [
        { stream: 'stdout', line: 'listening on :8080', at },
        { stream: 'stderr', line: 'warning: cache cold, filling', at },
        { stream: 'stdout', line: 'GET /health 200 1ms', at },
      ],
    });
    let n = 0;
    const timer = setInterval(() => {
      this.event('docker-log', {
        streamId,
        entries: [{ stream: n % 3 === 2 ? 'stderr' : 'stdout', line: `tick ${++n}`, at: Date.now() }],
      });
    }, 1000);
    this.logs.set(streamId, timer);
  }
}

function inspectOf(c: ContainerSnapshot): DockerInspect {
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    imageId: `sha256:${'ab'.repeat(32)}`,
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    finishedAt: null,
    state: c.state,
    health: c.health,
    exitCode: c.exitCode,
    oomKilled: false,
    restartCount: c.restartCount,
    restartPolicy: 'unless-stopped',
    command: ['/bin/busybox', 'httpd', '-f', '-p', '8080'],
    workingDir: '/',
    user: null,
    privileged: false,
    readOnlyRootfs: false,
    memoryLimitBytes: c.memoryLimitBytes,
    nanoCpus: null,
    labels: { 'com.example.team': 'web' },
    mounts: [
      { type: 'volume', source: '/var/lib/docker/volumes/data', destination: '/data', readOnly: false },
    ],
    networks: [{ name: 'none', ipAddress: null }],
    ports: c.ports,
  };
}
