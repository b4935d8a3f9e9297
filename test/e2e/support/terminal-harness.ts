import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { terminalTicketResponseSchema, type TerminalTicketResponse } from '@hivewatch/protocol';
import { collect, type RunningProcess } from '../../support/agents/agent-bundle.js';
export { buildAgentBundle } from '../../support/agents/agent-bundle.js';
import { eventually } from '../../support/agents/fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { openWs, wsUrl, type WsClient } from '../../support/ws-client.js';
import { AgentRegistry } from '../../../src/agents/agent-registry.js';

export const TERMINAL_PATH = '/api/v1/ws/terminal';

/**
 * A new server and its agent with `config`, as a child process: `program` is the agent bundle (a
 * `.cjs`, run by this Node with node-pty from node_modules) or the single executable (which carries
 * node-pty itself); resolves once it is connected.
 */
export async function startAgent(
  hub: TestApp,
  cookie: string,
  program: string,
  dir: string,
  name: string,
  config: Record<string, unknown>,
): Promise<{ serverId: string; agent: RunningProcess }> {
  const created = await request(hub.url)
    .post('/api/v1/servers')
    .set('Cookie', cookie)
    .send({ name })
    .expect(201);
  const { server, token } = created.body as { server: { id: string }; token: string };
  const home = fs.mkdtempSync(path.join(dir, `${name}-`));
  const tokenFile = path.join(home, 'agent.token');
  fs.writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  fs.writeFileSync(path.join(home, 'agent.json'), JSON.stringify(config));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HIVEWATCH_AGENT_CONFIG: path.join(home, 'agent.json'),
    HIVEWATCH_AGENT_STATE_FILE: path.join(home, 'state', 'state.json'),
    HIVEWATCH_AGENT_INTERVAL: '1',
    HIVEWATCH_AGENT_TOKEN: '',
    // A bundle lives in a temporary folder: node-pty's addon is the repository's.
    NODE_PATH: path.resolve('node_modules'),
  };
  const args = ['--hub', hub.url, '--id', server.id, '--token-file', tokenFile];
  const agent = program.endsWith('.cjs')
    ? collect(spawn(process.execPath, [program, ...args], { env, stdio: 'pipe' }))
    : collect(spawn(program, args, { env: { ...env, NODE_PATH: '' }, stdio: 'pipe' }));
  const registry = hub.app.get(AgentRegistry);
  await eventually(() => registry.get(server.id)?.state === 'ready' || undefined, 20_000).catch(() => {
    throw new Error(`the agent did not connect:\n${agent.output()}`);
  });
  return { serverId: server.id, agent };
}

export async function ticketFor(
  hub: TestApp,
  cookie: string,
  serverId: string,
): Promise<TerminalTicketResponse> {
  const res = await request(hub.url)
    .post(`/api/v1/servers/${serverId}/terminal/tickets`)
    .set('Cookie', cookie);
  if (res.status !== 201) throw new Error(`ticket refused: ${res.status} ${JSON.stringify(res.body)}`);
  return terminalTicketResponseSchema.parse(res.body);
}

/** A terminal socket as the console opens it: same-origin, cookie, ticket in the first frame. */
export async function openTerminal(
  hub: TestApp,
  cookie: string,
  ticket: string,
  size = { cols: 100, rows: 30 },
): Promise<Terminal> {
  const client = await openWs(wsUrl(hub.url, TERMINAL_PATH), { cookie, origin: hub.url });
  client.send({ type: 'auth', ticket, ...size });
  return new Terminal(client);
}

/** A terminal socket with its output decoded and joined. */
export class Terminal {
  constructor(readonly client: WsClient) {}

  get output(): string {
    return Buffer.concat(
      this.client.frames
        .filter((f) => f.type === 'output')
        .map((f) => Buffer.from(f.data as string, 'base64')),
    ).toString('utf8');
  }

  /** Output bytes received so far. */
  get outputBytes(): number {
    let bytes = 0;
    for (const f of this.client.frames)
      if (f.type === 'output') bytes += Buffer.byteLength(f.data as string, 'base64');
    return bytes;
  }

  ready(timeoutMs = 10_000): Promise<Record<string, unknown>> {
    return this.client.next((f) => f.type === 'ready' || f.type === 'error' || f.type === 'exit', timeoutMs);
  }

  type(text: string): void {
    this.client.send({ type: 'input', data: Buffer.from(text).toString('base64') });
  }

  /** The first match of `pattern` in the output, waiting for it. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    return eventually(() => this.output.match(pattern) ?? undefined, timeoutMs).catch(() => {
      throw new Error(
        `no ${String(pattern)} in the terminal output: ${JSON.stringify(this.output.slice(-400))}`,
      );
    });
  }

  exit(timeoutMs = 10_000): Promise<Record<string, unknown>> {
    return this.client.next((f) => f.type === 'exit', timeoutMs);
  }
}

/** Session id and process group of a process (from /proc/<pid>/stat), or undefined when it is gone. */
export function sessionOf(pid: number): { pgid: number; sid: number; zombie: boolean } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pgid: Number(fields[2]), sid: Number(fields[3]), zombie: fields[0] === 'Z' };
  } catch {
    return undefined;
  }
}

/** Every live (not zombie) process in process group `pgid` or session `sid`. */
export function processesOf(pgid: number, sid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const of = sessionOf(Number(entry));
    if (of && !of.zombie && (of.pgid === pgid || of.sid === sid)) found.push(Number(entry));
  }
  return found;
}
