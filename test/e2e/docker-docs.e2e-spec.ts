import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import {
  containerActionResultSchema,
  containerHistorySchema,
  containerListSchema,
  dockerEventListSchema,
  dockerInspectSchema,
  serverContainersSchema,
} from '@hivewatch/protocol';
import { resolveConfig } from '../../agent/src/config/agent-config.js';
import { readConfigFile } from '../../agent/src/config/config-file.js';
import { endPasted, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventually } from '../support/agents/fixtures.js';
import { expectBlocks } from '../support/doc-blocks.js';
import { startDockerd, type Dockerd } from '../support/dockerd.js';
import { createApiKey, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startDockerAgent } from './support/docker-harness.js';
import { buildAgentBundle } from './support/terminal-harness.js';

jest.setTimeout(180_000);

const DOC = 'docs/docker.md';
/** The `sh` blocks of "## API": the read routes, an action, inspect, logs (in that order). */
const [READS, ACTION, INSPECT, LOGS] = expectBlocks(DOC, 'sh', 'API', 4) as [string, string, string, string];
/** The agent config examples: the host's own decision to turn Docker on. */
const CONFIGS = [
  ...expectBlocks(DOC, 'json', "Turning it on (the host's own decision)", 1),
  ...expectBlocks(DOC, 'json', 'Actions, inspect and logs', 1),
];
/** One line on stdout, one on stderr, then waits; stops within a second on SIGTERM. */
const WEB = ['sh', '-c', 'echo web-out; echo web-err >&2; trap "exit 0" TERM; while true; do sleep 1; done'];

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a documented block as a user would paste it: `bash -euo pipefail -c <block>`, loopback only. */
function runBlock(block: string, env: Record<string, string>): Promise<Ran> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(https?|all|no)_proxy$/i.test(k)),
  );
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-euo', 'pipefail', '-c', block],
      { env: { ...base, ...env }, timeout: 60_000, maxBuffer: 4 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The JSON values of concatenated answers (`curl` adds no newline between them). */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  expect(depth).toBe(0);
  return values;
}

/** Every command the Docker doc shows, run against a real dockerd, the real agent bundle and a real hub. */
describe('docs/docker.md, as written', () => {
  let dockerd: Dockerd;
  let hub: TestApp;
  let work: string;
  let agent: RunningProcess | undefined;
  let env: Record<string, string>;
  const ok = (ran: Ran) => {
    if (ran.code !== 0) throw new Error(`exit ${ran.code}: ${ran.stderr}\n${ran.stdout.slice(0, 800)}`);
    return ran.stdout;
  };

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-docker-docs-'));
    dockerd = await startDockerd();
    const webId = await dockerd.startContainer([
      ...['--name', 'web', '-e', 'SECRET_TOKEN=hunter2'],
      ...[dockerd.image, ...WEB],
    ]);
    hub = await startTestApp();
    const cookie = await signIn(hub);
    // The agent runs with the documented config, only the socket pointing at the test engine.
    const documented = JSON.parse(CONFIGS[1] ?? '') as {
      capabilities: string[];
      docker: Record<string, unknown>;
    };
    const docker = Object.fromEntries(Object.entries(documented.docker).filter(([k]) => k !== 'socket'));
    const started = await startDockerAgent(
      hub,
      cookie,
      buildAgentBundle(work),
      work,
      'docker-docs',
      dockerd,
      documented.capabilities,
      docker,
    );
    agent = started.agent;
    env = {
      HIVEWATCH_URL: hub.url,
      HIVEWATCH_API_KEY: await createApiKey(hub, cookie, 'read'),
      HIVEWATCH_OPS_KEY: await createApiKey(hub, cookie, 'ops'),
      HIVEWATCH_ADMIN_KEY: await createApiKey(hub, cookie, 'admin'),
      SERVER_ID: started.serverId,
      CONTAINER_ID: webId,
      CONTAINER: 'web',
    };
    // The history route needs the container in the hub's table, not only in its live state.
    await eventually(async () => {
      const res = await request(hub.url)
        .get(`/api/v1/servers/${started.serverId}/containers/${webId}/history?resolution=minute`)
        .set('Authorization', `Bearer ${env['HIVEWATCH_API_KEY']}`);
      return res.status === 200;
    }, 30_000);
  });
  afterAll(async () => {
    if (agent) await endPasted(agent);
    await hub?.close();
    await dockerd?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("the agent's config reader accepts the config examples as written", () => {
    for (const [i, block] of CONFIGS.entries()) {
      const file = path.join(work, `example-${i}.json`);
      fs.writeFileSync(file, block);
      const config = resolveConfig({ hubUrl: 'https://hub.example.com' }, readConfigFile(file));
      expect(config.capabilities).toEqual(['docker', 'docker-actions']);
      expect(config.docker).toMatchObject({ socket: '/var/run/docker.sock', maxLogStreams: 8 });
    }
  });

  it('the read routes answer JSON with a read key', async () => {
    const answers = jsonValues(ok(await runBlock(READS, env)));
    expect(answers).toHaveLength(4);
    const [containers, fleet, history, events] = answers;
    expect(serverContainersSchema.strict().parse(containers)).toMatchObject({
      available: true,
      containers: [expect.objectContaining({ id: env['CONTAINER_ID'], name: 'web', state: 'running' })],
    });
    // `q=nginx`: nothing here is called that.
    expect(containerListSchema.strict().parse(fleet)).toEqual({ items: [], total: 0 });
    containerHistorySchema.parse(history);
    dockerEventListSchema.strict().parse(events);
  });

  it('the action restarts the container with an ops key and answers as shown', async () => {
    const startedAt = await dockerd.run(['inspect', '-f', '{{.State.StartedAt}}', 'web']);
    const [answer, ...rest] = jsonValues(ok(await runBlock(ACTION, env)));
    expect(rest).toEqual([]);
    expect(containerActionResultSchema.strict().parse(answer)).toMatchObject({ ok: true, action: 'restart' });
    expect(await dockerd.run(['inspect', '-f', '{{.State.StartedAt}}', 'web'])).not.toBe(startedAt);
    const shown = /^# (\{.*\})$/m.exec(ACTION)?.[1] ?? '';
    expect(Object.keys(answer as object).sort()).toEqual(Object.keys(JSON.parse(shown) as object).sort());
  });

  it('inspect answers with an admin key, without the environment', async () => {
    const text = ok(await runBlock(INSPECT, env));
    expect(text).not.toContain('Env');
    expect(text).not.toContain('SECRET_TOKEN');
    expect(text).not.toContain('hunter2');
    const inspect = dockerInspectSchema.strict().parse(JSON.parse(text));
    expect(inspect).toMatchObject({ id: env['CONTAINER_ID'], name: 'web', state: 'running' });
  });

  it('the keys the blocks name are the ones needed: a weaker key fails them (curl -f: exit 22)', async () => {
    const weaker = (key: string, by: string) => ({ ...env, [key]: env[by] ?? '' });
    expect((await runBlock(ACTION, weaker('HIVEWATCH_OPS_KEY', 'HIVEWATCH_ADMIN_KEY'))).code).toBe(22);
    expect((await runBlock(INSPECT, weaker('HIVEWATCH_ADMIN_KEY', 'HIVEWATCH_API_KEY'))).code).toBe(22);
    expect((await runBlock(LOGS, weaker('HIVEWATCH_ADMIN_KEY', 'HIVEWATCH_API_KEY'))).code).toBe(22);
  });

  it('the logs block with follow=false ends, with stdout and stderr lines', async () => {
    const text = ok(await runBlock(LOGS, env));
    const events = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as { type: string; entries?: { stream: string; line: string }[] });
    const lines = events.flatMap((e) => e.entries ?? []).map((e) => `${e.stream} ${e.line}`);
    expect(lines).toEqual(expect.arrayContaining(['stdout web-out', 'stderr web-err']));
    expect(events.at(-1)).toMatchObject({ type: 'end' });
  });
});
