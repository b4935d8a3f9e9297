import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import {
  BROWSER_WS_PATH,
  containerHistorySchema,
  containerListSchema,
  dockerEventListSchema,
  serverContainersSchema,
  type ContainerView,
  type ServerState,
} from '@hivewatch/protocol';
import { endPasted, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventually } from '../support/agents/fixtures.js';
import { startDockerd, type Dockerd } from '../support/dockerd.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openWs, wsUrl, type WsClient } from '../support/ws-client.js';
import { DockerWriter } from '../../src/docker/store/docker-writer.service.js';
import { startDockerAgent } from './support/docker-harness.js';
import { buildAgentBundle } from './support/terminal-harness.js';

jest.setTimeout(180_000);

/** Stops within a second on SIGTERM (busybox sleep as PID 1 would wait out the engine's 10 s). */
const QUICK_STOP = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];
const SECRET = 'hunter2';

/**
 * Docker data end to end: a real dockerd, the real agent bundle with `docker`, a real hub. Containers
 * reach the REST API with their state and figures, a `die` keeps its exit code, a removed container
 * keeps its row, and the environment of a container never reaches the API nor the database file.
 */
describe('Docker data: containers, figures, events', () => {
  let dockerd: Dockerd;
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let agent: { serverId: string; agent: RunningProcess };
  let browser: WsClient | undefined;
  let webId: string;
  /** Every REST body this test received, to look for the secret. */
  const bodies: string[] = [];

  const get = async (url: string) => {
    const res = await request(hub.url).get(url).set('Cookie', cookie).expect(200);
    bodies.push(res.text);
    return res.body as unknown;
  };
  const containers = async () =>
    serverContainersSchema.parse(await get(`/api/v1/servers/${agent.serverId}/containers`)).containers;
  const named = async (name: string): Promise<ContainerView | undefined> =>
    (await containers()).find((c) => c.name === name);

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-docker-data-'));
    dockerd = await startDockerd();
    webId = await dockerd.startContainer([
      ...['--name', 'hw-web', '-e', `SECRET_TOKEN=${SECRET}`, '--label', 'tier=test'],
      ...[dockerd.image, ...QUICK_STOP],
    ]);
    await dockerd.startContainer(['--name', 'hw-doomed', dockerd.image, ...QUICK_STOP]);
    hub = await startTestApp();
    cookie = await signIn(hub);
    const bundle = buildAgentBundle(work);
    agent = await startDockerAgent(hub, cookie, bundle, work, 'docker-data', dockerd, ['docker']);
  });
  afterAll(async () => {
    browser?.close();
    if (agent) await endPasted(agent.agent);
    await hub?.close();
    await dockerd?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists the containers with their state and live figures, per server and fleet-wide', async () => {
    const web = await eventually(async () => {
      const c = await named('hw-web');
      return c && c.cpuPercent !== null && c.memoryUsageBytes !== null ? c : undefined;
    }, 30_000);
    expect(web).toMatchObject({
      id: webId,
      serverId: agent.serverId,
      serverName: 'docker-data',
      image: dockerd.image,
      state: 'running',
      health: 'none',
      removedAt: null,
    });
    expect(web.pids).toBeGreaterThanOrEqual(1);
    const fleet = containerListSchema.parse(await get('/api/v1/containers?q=HW-WEB&state=running'));
    expect(fleet.items.map((c) => c.id)).toEqual([webId]);
    const byServer = containerListSchema.parse(await get(`/api/v1/containers?q=docker-data&limit=1`));
    expect(byServer.total).toBe(2);
    expect(byServer.items).toHaveLength(1);
    await request(hub.url).get('/api/v1/containers?state=bogus').set('Cookie', cookie).expect(400);
  });

  it('keeps per-minute history of a container', async () => {
    const history = containerHistorySchema.parse(
      await get(`/api/v1/servers/${agent.serverId}/containers/${webId}/history?resolution=minute`),
    );
    expect(history.resolution).toBe('minute');
    expect(history.points.length).toBeGreaterThanOrEqual(1);
    expect(history.points.at(-1)).toMatchObject({ running: 1 });
    expect(typeof history.points.at(-1)?.['cpuPercent']).toBe('number');
    await request(hub.url)
      .get(`/api/v1/servers/${agent.serverId}/containers/not-an-id/history`)
      .set('Cookie', cookie)
      .expect(400);
  });

  it('shows the containers on the console stream and sends docker frames', async () => {
    browser = await openWs(wsUrl(hub.url, BROWSER_WS_PATH), { cookie, origin: hub.url });
    const sync = await browser.next((f) => f['type'] === 'full_sync');
    const state = (sync['servers'] as ServerState[]).find((s) => s.id === agent.serverId);
    expect(state).toMatchObject({
      dockerAvailable: true,
      containers: { running: 2, total: 2, unhealthy: 0 },
    });
    const update = await browser.next(
      (f) => f['type'] === 'docker_update' && f['serverId'] === agent.serverId,
      10_000,
    );
    expect((update['containers'] as { id: string }[]).map((c) => c.id)).toContain(webId);
  });

  it("stores a container's die event with its exit code", async () => {
    const quitter = await dockerd.startContainer([
      '--name',
      'hw-quitter',
      dockerd.image,
      'sh',
      '-c',
      'sleep 1; exit 3',
    ]);
    const die = await eventually(async () => {
      const list = dockerEventListSchema.parse(
        await get(`/api/v1/servers/${agent.serverId}/docker/events?action=die&containerId=${quitter}`),
      );
      return list.items[0];
    }, 30_000);
    expect(die).toMatchObject({
      containerName: 'hw-quitter',
      action: 'die',
      exitCode: 3,
      serverId: agent.serverId,
    });
    const fleet = dockerEventListSchema.parse(await get('/api/v1/docker/events?limit=50'));
    expect(fleet.items.map((e) => e.action)).toEqual(expect.arrayContaining(['start', 'die']));
    const exited = await eventually(async () => {
      const c = await named('hw-quitter');
      return c?.state === 'exited' ? c : undefined;
    }, 30_000);
    expect(exited.exitCode).toBe(3);
    await browser!.next((f) => f['type'] === 'docker_event' && f['action'] === 'die', 10_000);
  });

  it('keeps a removed container with removedAt', async () => {
    await dockerd.run(['rm', '-f', 'hw-doomed']);
    const gone = await eventually(async () => {
      const c = await named('hw-doomed');
      return c?.removedAt ? c : undefined;
    }, 30_000);
    expect(Date.parse(gone.removedAt!)).toBeGreaterThan(Date.parse(gone.firstSeenAt));
    const present = containerListSchema.parse(await get('/api/v1/containers?q=hw-doomed'));
    expect(present.total).toBe(0);
    const all = containerListSchema.parse(await get('/api/v1/containers?q=hw-doomed&includeRemoved=true'));
    expect(all.items.map((c) => c.name)).toEqual(['hw-doomed']);
  });

  it("never lets a container's environment reach the API or the database file", async () => {
    await hub.app.get(DockerWriter).flushMinutes(true);
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) {
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain('SECRET_TOKEN');
    }
    const files = fs.readdirSync(hub.dataDir).filter((f) => f.includes('.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(hub.dataDir, file));
      expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
      expect(bytes.includes(Buffer.from('SECRET_TOKEN'))).toBe(false);
    }
    // the rows are there: the search would be meaningless on an empty file
    const all = Buffer.concat(files.map((f) => fs.readFileSync(path.join(hub.dataDir, f))));
    expect(all.includes(Buffer.from('hw-quitter'))).toBe(true);
  });
});
