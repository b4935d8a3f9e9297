import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import {
  containerActionResultSchema,
  containerLogEventSchema,
  dockerInspectSchema,
} from '@hivewatch/protocol';
import { endPasted, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { startDockerd, type Dockerd } from '../support/dockerd.js';
import { createUserAndSignIn, signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import type { SseStream } from '../support/sse.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { DockerLiveState } from '../../src/docker/docker-live.service.js';
import { ContainerLogsService } from '../../src/docker/logs/container-logs.service.js';
import {
  containerAction,
  engineFact,
  linesOf,
  openLogs,
  startDockerAgent,
  waitForLine,
} from './support/docker-harness.js';
import { buildAgentBundle } from './support/terminal-harness.js';

jest.setTimeout(180_000);

/** Stops within a second on SIGTERM (busybox sleep as PID 1 would wait out the engine's 10 s). */
const QUICK_STOP = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];
const LOGGER = ['sh', '-c', 'echo out; echo err >&2; sleep 1; echo out2; sleep 300'];
const AWAITS_GO = [
  'sh',
  '-c',
  'echo out; echo err >&2; until [ -f /tmp/go ]; do sleep 0.2; done; echo out2; sleep 300',
];

/**
 * Container actions, inspect and log streams end to end: a real dockerd (test/support/dockerd.ts), the
 * real agent bundle with `docker` + `docker-actions` (and one with `docker` only), a real hub.
 */
describe('Docker control: actions, inspect, logs', () => {
  let dockerd: Dockerd;
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let full: { serverId: string; agent: RunningProcess };
  let readOnly: { serverId: string; agent: RunningProcess };
  let actId: string;
  let logId: string;
  const streams: SseStream[] = [];
  const logs = (serverId: string, ref: string, query: string, as = cookie) =>
    openLogs(hub, as, serverId, ref, query).then((s) => (streams.push(s), s));
  const audit = async (action: string) => {
    const res = await request(hub.url)
      .get(`/api/v1/audit-logs?action=${action}`)
      .set('Cookie', cookie)
      .expect(200);
    return (res.body as { items: Record<string, unknown>[] }).items;
  };

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-docker-control-'));
    dockerd = await startDockerd();
    actId = await dockerd.startContainer(['--name', 'hw-act', dockerd.image, ...QUICK_STOP]);
    logId = await dockerd.startContainer([
      ...['--name', 'hw-logs', '-e', 'SECRET_TOKEN=hunter2', '--label', 'tier=test'],
      ...[dockerd.image, ...LOGGER],
    ]);
    hub = await startTestApp();
    cookie = await signIn(hub);
    const bundle = buildAgentBundle(work);
    // One log stream at most on this host: a second open succeeds only once the first was stopped there.
    full = await startDockerAgent(
      hub,
      cookie,
      bundle,
      work,
      'docker-full',
      dockerd,
      ['docker', 'docker-actions'],
      {
        maxLogStreams: 1,
      },
    );
    readOnly = await startDockerAgent(hub, cookie, bundle, work, 'docker-read', dockerd, ['docker']);
    const live = hub.app.get(DockerLiveState);
    await eventually(() => (live.snapshot(full.serverId)?.containers.length ?? 0) >= 2, 20_000);
  });
  afterEach(async () => {
    // A failed test must not leave streams that count against the next one's caps.
    for (const s of streams.splice(0)) s.close();
    await eventually(() => hub.app.get(ContainerLogsService).size === 0, 10_000);
  });
  afterAll(async () => {
    for (const a of [full?.agent, readOnly?.agent]) if (a) await endPasted(a);
    await hub?.close();
    await dockerd?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses an action without a fresh step-up, and changes nothing', async () => {
    await ageStepUpProofs(hub);
    const res = await containerAction(hub, cookie, full.serverId, actId, 'stop').expect(401);
    expect(JSON.stringify(res.body)).toContain('step_up');
    expect(await engineFact(dockerd, actId, '{{.State.Running}}')).toBe('true');
    cookie = await signIn(hub);
  });

  it('stops, starts, restarts, pauses and unpauses a container, each audited with its name', async () => {
    const act = async (action: string) =>
      containerActionResultSchema
        .strict()
        .parse((await containerAction(hub, cookie, full.serverId, actId, action).expect(200)).body);
    expect(await act('stop')).toMatchObject({ ok: true, action: 'stop' });
    expect(await engineFact(dockerd, actId, '{{.State.Running}}')).toBe('false');
    await act('start');
    expect(await engineFact(dockerd, actId, '{{.State.Running}}')).toBe('true');
    const startedAt = await engineFact(dockerd, actId, '{{.State.StartedAt}}');
    await act('restart');
    expect(await engineFact(dockerd, actId, '{{.State.StartedAt}}')).not.toBe(startedAt);
    await act('pause');
    expect(await engineFact(dockerd, actId, '{{.State.Status}}')).toBe('paused');
    await act('unpause');
    expect(await engineFact(dockerd, actId, '{{.State.Status}}')).toBe('running');
    const entries = await audit('docker.container.action');
    // The call refused for want of step-up never reached the service: not an action attempt.
    expect(entries.map((e) => (e['detail'] as { action: string }).action)).toEqual([
      'unpause',
      'pause',
      'restart',
      'start',
      'stop',
    ]);
    expect(entries[0]).toMatchObject({
      outcome: 'success',
      targetId: full.serverId,
      actorName: 'admin',
      detail: { serverName: 'docker-full', containerId: actId, containerName: 'hw-act', action: 'unpause' },
    });
  });

  it("maps the engine's refusal to a 502 with its message, and audits the failure", async () => {
    const res = await containerAction(hub, cookie, full.serverId, 'no-such-box', 'start').expect(502);
    expect((res.body as { message: string }).message).toMatch(/no such container/i);
    expect((await audit('docker.container.action'))[0]).toMatchObject({
      outcome: 'failure',
      detail: { containerId: 'no-such-box', containerName: null, status: 502 },
    });
  });

  it("refuses with 409 where the host's config lacks docker-actions", async () => {
    const res = await containerAction(hub, cookie, readOnly.serverId, actId, 'stop').expect(409);
    expect((res.body as { message: string }).message).toContain(
      "capability 'docker-actions' is not enabled on this host",
    );
    expect(await engineFact(dockerd, actId, '{{.State.Running}}')).toBe('true');
  });

  it('removes a stopped container', async () => {
    await containerAction(hub, cookie, full.serverId, 'hw-act', 'stop').expect(200);
    await containerAction(hub, cookie, full.serverId, 'hw-act', 'remove').expect(200);
    expect(await dockerd.run(['ps', '-aq', '--no-trunc'])).not.toContain(actId);
  });

  it('inspects a container by name, without its environment, for admins only', async () => {
    const res = await request(hub.url)
      .get(`/api/v1/servers/${full.serverId}/containers/hw-logs/inspect`)
      .set('Cookie', cookie)
      .expect(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('SECRET_TOKEN');
    const inspect = dockerInspectSchema.strict().parse(res.body);
    expect(inspect).toMatchObject({ id: logId, name: 'hw-logs', state: 'running', labels: { tier: 'test' } });
    expect(inspect.command.join(' ')).toContain('echo out2');
    const user = await createUserAndSignIn(hub, cookie, {
      username: 'docker-viewer',
      password: 'docker-viewer-password-1',
      role: 'user',
    });
    await request(hub.url)
      .get(`/api/v1/servers/${full.serverId}/containers/hw-logs/inspect`)
      .set('Cookie', user)
      .expect(403);
    await request(hub.url)
      .get(`/api/v1/servers/${full.serverId}/containers/hw-logs/logs`)
      .set('Cookie', user)
      .expect(403);
  });

  it('streams the tail and then new lines, stdout and stderr marked, and audits the open', async () => {
    // Prints its last line only when told to, so that line can only come by following.
    const followId = await dockerd.startContainer(['--name', 'hw-follow', dockerd.image, ...AWAITS_GO]);
    const live = hub.app.get(DockerLiveState);
    await eventually(() => live.snapshot(full.serverId)?.containers.some((c) => c.id === followId), 10_000);
    const stream = await logs(full.serverId, 'hw-follow', 'tail=100&follow=true');
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    await waitForLine(stream, 'err');
    await waitForLine(stream, 'out');
    expect(linesOf(stream).map((l) => l.line)).not.toContain('out2');
    await dockerd.run(['exec', followId, 'touch', '/tmp/go']);
    await waitForLine(stream, 'out2');
    // The engine keeps stdout and stderr apart: their order across the two is not guaranteed.
    const lines = linesOf(stream).map((l) => [l.stream, l.line]);
    expect(lines.filter(([s]) => s === 'stdout')).toEqual([
      ['stdout', 'out'],
      ['stdout', 'out2'],
    ]);
    expect(lines.filter(([s]) => s === 'stderr')).toEqual([['stderr', 'err']]);
    expect((await audit('docker.container.logs'))[0]).toMatchObject({
      outcome: 'success',
      detail: { containerId: followId, containerName: 'hw-follow', tail: 100, follow: true },
    });
    // This host allows one stream: a second open is refused there (502) while the first runs...
    const refused = await logs(full.serverId, logId, 'tail=1');
    expect(refused.status).toBe(502);
    expect(await refused.ended.then(() => true)).toBe(true);
    // ...and succeeds once the follower left: the hub stopped the host's stream.
    stream.close();
    const services = hub.app.get(ContainerLogsService);
    await eventually(() => services.size === 0, 10_000);
    const again = await eventuallyDefined(async () => {
      const s = await logs(full.serverId, logId, 'tail=1&follow=false');
      return s.status === 200 ? s : (s.close(), undefined);
    }, 10_000);
    expect(await again.next((e) => e['type'] === 'end')).toMatchObject({ type: 'end' });
    expect(linesOf(again).map((l) => l.line)).toEqual(['out2']);
    for (const { event } of [...stream.events, ...again.events]) containerLogEventSchema.parse(event);
  });

  it('caps log streams per user (4) and per server (8) with 429', async () => {
    const other = await createUserAndSignIn(hub, cookie, {
      username: 'docker-admin-2',
      password: 'docker-admin-2-password',
      role: 'admin',
    });
    const open = [];
    for (let i = 0; i < 4; i++) open.push(await logs(readOnly.serverId, logId, 'tail=0'));
    expect(open.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    const fifth = await request(hub.url)
      .get(`/api/v1/servers/${readOnly.serverId}/containers/${logId}/logs?tail=0`)
      .set('Cookie', cookie)
      .expect(429);
    expect((fifth.body as { message: string }).message).toMatch(/at most 4 per user/);
    for (let i = 0; i < 4; i++) open.push(await logs(readOnly.serverId, logId, 'tail=0', other));
    const ninth = await request(hub.url)
      .get(`/api/v1/servers/${readOnly.serverId}/containers/${logId}/logs?tail=0`)
      .set('Cookie', other)
      .expect(429);
    expect((ninth.body as { message: string }).message).toMatch(/on this server: at most 8/);
    for (const s of open) s.close();
    await eventually(() => hub.app.get(ContainerLogsService).size === 0, 10_000);
  });

  it('ends the stream with `end` when the agent disconnects', async () => {
    // The host may still be closing the previous test's streams (at most 8 there).
    const stream = await eventuallyDefined(async () => {
      const s = await logs(readOnly.serverId, logId, 'tail=1&follow=true');
      return s.status === 200 ? s : (s.close(), undefined);
    }, 10_000);
    await waitForLine(stream, 'out2');
    // Killed: it cannot end its streams itself (a stopping agent sends a last batch, `agent-shutdown`).
    readOnly.agent.child.kill('SIGKILL');
    await readOnly.agent.exited;
    expect(await stream.next((e) => e['type'] === 'end')).toEqual({
      type: 'end',
      reason: 'the agent disconnected',
    });
    await stream.ended;
  });

  it('ends the stream with `end` when the server is deleted', async () => {
    const stream = await logs(full.serverId, logId, 'tail=1&follow=true');
    expect(stream.status).toBe(200);
    await waitForLine(stream, 'out2');
    await request(hub.url).delete(`/api/v1/servers/${full.serverId}`).set('Cookie', cookie).expect(204);
    expect(await stream.next((e) => e['type'] === 'end')).toEqual({
      type: 'end',
      reason: 'the server was deleted',
    });
    await stream.ended;
    expect(hub.app.get(ContainerLogsService).size).toBe(0);
  });
});
