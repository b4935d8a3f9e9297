import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { WebSocketServer, type WebSocket } from 'ws';
import { sharedAgentExecutable } from '../support/agent-artifacts.js';

jest.setTimeout(300_000);

interface Frame {
  type: string;
  id?: number | null;
  action: string;
  payload: Record<string, unknown>;
}

/**
 * A hub reduced to a script: accepts the agent's `authenticate` (envelope dialect), then lets the
 * test send requests and wait for the frames the agent sends back. Stands in for the hub's terminal
 * relay, which is tested on its own; here the point is the agent executable.
 */
class ScriptedHub {
  readonly frames: Frame[] = [];
  private socket: WebSocket | undefined;
  private nextId = 1000;
  private waiters: (() => void)[] = [];

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (ws) => {
      ws.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
        if (frame.type === 'request' && frame.action === 'authenticate') {
          this.socket = ws;
          ws.send(
            JSON.stringify({
              type: 'response',
              id: frame.id,
              action: 'authenticate',
              payload: { status: 'ok', server_id: 'server-1' },
              timestamp: Date.now(),
            }),
          );
        }
        this.frames.push(frame);
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
  }

  static async start(): Promise<ScriptedHub> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    return new ScriptedHub(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1/agents/ws`;
  }

  /** Sends a request; resolves with the agent's response to it. */
  async request(action: string, payload: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.socket!.send(JSON.stringify({ type: 'request', id, action, payload, timestamp: Date.now() }));
    const response = await this.until((f) => f.type === 'response' && f.id === id);
    return response.payload;
  }

  /** The first frame (old or new) that matches, once it is there. */
  async until(match: (frame: Frame) => boolean, ms = 20_000): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame; actions: ${this.actions()}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  connected(): Promise<Frame> {
    return this.until((f) => f.action === 'authenticate');
  }

  /** Everything one session printed so far, decoded and joined in `seq` order. */
  output(sessionId: string): string {
    return this.frames
      .filter((f) => f.action === 'terminal-output' && f.payload['sessionId'] === sessionId)
      .sort((a, b) => (a.payload['seq'] as number) - (b.payload['seq'] as number))
      .map((f) => Buffer.from(f.payload['data'] as string, 'base64').toString('utf8'))
      .join('');
  }

  private actions(): string {
    return [...new Set(this.frames.map((f) => f.action))].join(', ');
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const input = (sessionId: string, text: string) => ({
  sessionId,
  data: Buffer.from(text).toString('base64'),
});

interface RunningAgent {
  child: ChildProcess;
  dir: string;
  log: () => string;
}

/** The executable, with its config file and state in a fresh folder, reporting to `hub`. */
function startExecutable(exe: string, hub: ScriptedHub, config: Record<string, unknown>): RunningAgent {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-agent-terminal-'));
  fs.chmodSync(dir, 0o700);
  const configFile = path.join(dir, 'agent.json');
  fs.writeFileSync(configFile, JSON.stringify({ hubUrl: hub.url, metricsInterval: 60, ...config }), {
    mode: 0o600,
  });
  let log = '';
  const child = spawn(
    exe,
    ['--config', configFile, '--state', path.join(dir, 'state', 'state.json'), '--id', 'server-1'],
    // Nothing but the token: no Node on PATH, nothing of the test's environment.
    {
      env: { HIVEWATCH_AGENT_TOKEN: 'hwa_scripted', PATH: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return { child, dir, log: () => log };
}

async function stop(agent: RunningAgent | undefined): Promise<void> {
  if (!agent) return;
  if (agent.child.exitCode === null) {
    const exited = new Promise((resolve) => agent.child.once('exit', resolve));
    agent.child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(agent.dir, { recursive: true, force: true });
}

/** Live (not zombie) processes of session `sid`, from /proc. */
function sessionMembers(sid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[3]) === sid) found.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return found;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('the agent executable opens a PTY (node-pty carried inside it)', () => {
  let exe: string;
  let hub: ScriptedHub;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    exe = sharedAgentExecutable();
    hub = await ScriptedHub.start();
  });
  afterAll(async () => {
    await stop(agent);
    await hub?.close();
  });

  it('runs a shell as the configured user: open → output, echo round trip, close kills it', async () => {
    agent = startExecutable(exe, hub, {
      capabilities: ['terminal'],
      terminal: { shell: '/bin/sh', runAs: 'nobody', maxSessions: 2, idleTimeoutSeconds: 120 },
    });
    await hub.connected();

    // terminal-open → first output (the shell's prompt), as the agent executable delivers it.
    const firstOutput: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sessionId = `probe-${i}`;
      const started = performance.now();
      expect(await hub.request('terminal-open', { sessionId, cols: 80, rows: 24 })).toEqual({ status: 'ok' });
      await hub.until((f) => f.action === 'terminal-output' && f.payload['sessionId'] === sessionId);
      firstOutput.push(performance.now() - started);
      await hub.request('terminal-close', { sessionId });
      await hub.until((f) => f.action === 'terminal-exit' && f.payload['sessionId'] === sessionId);
    }
    process.stdout.write(
      `terminal-open → first output from the executable: ${firstOutput.map((ms) => ms.toFixed(1)).join(', ')} ms ` +
        `(median ${median(firstOutput).toFixed(1)} ms)\n`,
    );

    expect(await hub.request('terminal-open', { sessionId: 's1', cols: 100, rows: 30 })).toEqual({
      status: 'ok',
    });
    await hub.request('terminal-input', input('s1', 'echo "hw-$((6*7))"; id -un; id -G; echo "pid=$$"\r'));
    await hub.until(() => /pid=\d+/.test(hub.output('s1')));
    const output = hub.output('s1');
    expect(output).toContain('hw-42');
    // The shell runs as nobody with nobody's groups only: none of the root agent's (group 0).
    expect(output).toMatch(/\r?\nnobody\r?\n/);
    const nobodyGid = fs.readFileSync('/etc/passwd', 'utf8').match(/^nobody:[^:]*:\d+:(\d+):/m)![1];
    expect(output).toMatch(new RegExp(`\\r?\\n${nobodyGid}\\r?\\n`));
    const shell = Number(/pid=(\d+)/.exec(output)![1]);
    expect(sessionMembers(shell)).toContain(shell);

    expect(await hub.request('terminal-close', { sessionId: 's1' })).toEqual({ status: 'ok' });
    const exit = await hub.until((f) => f.action === 'terminal-exit' && f.payload['sessionId'] === 's1');
    expect(exit.payload['reason']).toBe('user');
    const deadline = Date.now() + 5000;
    while (sessionMembers(shell).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sessionMembers(shell)).toEqual([]);

    // The addon was written to a private folder under the state folder, checked by its hash.
    const nativeDir = path.join(agent.dir, 'state', 'native');
    expect(fs.statSync(nativeDir).mode & 0o777).toBe(0o700);
    const [file] = fs.readdirSync(nativeDir);
    expect(file).toMatch(/^node-pty-[0-9a-f]{64}\.node$/);
    const bytes = fs.readFileSync(path.join(nativeDir, file!));
    expect(file).toBe(`node-pty-${createHash('sha256').update(bytes).digest('hex')}.node`);
    expect(fs.statSync(path.join(nativeDir, file!)).mode & 0o777).toBe(0o500);

    // The host's log has the session (who, which shell, pid, duration, bytes), never what was typed or shown.
    const lines = agent
      .log()
      .split('\n')
      .filter((line) => line.includes('"terminal session'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const s1 = lines.filter((line) => line['sessionId'] === 's1');
    expect(s1).toEqual([
      expect.objectContaining({
        msg: 'terminal session started',
        user: 'nobody',
        shell: '/bin/sh',
        pid: shell,
      }),
      expect.objectContaining({ msg: 'terminal session ended', user: 'nobody', pid: shell, reason: 'user' }),
    ]);
    expect(s1[1]).toEqual(
      expect.objectContaining({
        durationMs: expect.any(Number),
        bytesIn: expect.any(Number),
        bytesOut: expect.any(Number),
      }),
    );
    expect(agent.log()).not.toContain('hw-');
    expect(agent.log()).not.toContain('6*7');
  });

  it('ends its sessions when the capability is removed from the config and the agent gets SIGHUP', async () => {
    await stop(agent);
    agent = startExecutable(exe, hub, { capabilities: ['terminal', 'exec'] });
    hub.frames.length = 0;
    await hub.connected();
    expect(await hub.request('terminal-open', { sessionId: 'cap', cols: 80, rows: 24 })).toEqual({
      status: 'ok',
    });
    await hub.request('terminal-input', input('cap', 'sleep 1000 & echo "pid=$$"\r'));
    await hub.until(() => /pid=\d+/.test(hub.output('cap')));
    const shell = Number(/pid=(\d+)/.exec(hub.output('cap'))![1]);

    const configFile = path.join(agent.dir, 'agent.json');
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(configFile, JSON.stringify({ ...config, capabilities: ['exec'] }));
    const authenticated = hub.frames.filter((f) => f.action === 'authenticate').length;
    agent.child.kill('SIGHUP');

    const exit = await hub.until((f) => f.action === 'terminal-exit' && f.payload['sessionId'] === 'cap');
    expect(exit.payload['reason']).toBe('capability-removed');
    const deadline = Date.now() + 5000;
    while (sessionMembers(shell).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sessionMembers(shell)).toEqual([]);
    // It re-authenticates with the new list, and refuses terminals from then on.
    await hub.until(() => hub.frames.filter((f) => f.action === 'authenticate').length > authenticated);
    const again = hub.frames.filter((f) => f.action === 'authenticate').at(-1)!;
    expect(again.payload['capabilities']).toEqual(['exec']);
    expect(await hub.request('terminal-open', { sessionId: 'cap-2', cols: 80, rows: 24 })).toEqual({
      status: 'error',
      message: "capability 'terminal' is disabled on this host",
    });
    expect(agent.child.exitCode).toBeNull();
  });

  it('refuses every terminal request when the host did not enable the capability', async () => {
    await stop(agent);
    agent = startExecutable(exe, hub, { capabilities: [] });
    hub.frames.length = 0;
    await hub.connected();
    expect(await hub.request('terminal-open', { sessionId: 'no', cols: 80, rows: 24 })).toEqual({
      status: 'error',
      message: "capability 'terminal' is disabled on this host",
    });
  });
});
