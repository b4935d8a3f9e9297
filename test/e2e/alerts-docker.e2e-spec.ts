import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { type ActiveAlert, type AlertPage, type AlertRecord } from '@hivewatch/protocol';
import { endPasted, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventually } from '../support/agents/fixtures.js';
import { expectBlocks } from '../support/doc-blocks.js';
import { startDockerd, type Dockerd } from '../support/dockerd.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRule, FAST_ALERTS, HookServer, webhookGroup } from './alerts-support.js';
import { startDockerAgent } from './support/docker-harness.js';
import { buildAgentBundle } from './support/terminal-harness.js';

jest.setTimeout(240_000);

const SERVER = 'alerts-docker';

/**
 * Container alert conditions end to end: a real dockerd, the real agent bundle with `docker`, a real
 * hub evaluating every 150 ms. A busybox container that exits fires "not running" (one alert per
 * container, the container named in the message and the notification), starting it again resolves
 * it, removing one resolves its alert with the reason; a memory-limited container killed by the
 * kernel fires "oom", which resolves once the window passed without another kill.
 */
describe('alerts on Docker containers', () => {
  let dockerd: Dockerd;
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;
  let work: string;
  let agent: { serverId: string; agent: RunningProcess };

  const api = () => request(hub.url);
  const active = async (ruleId: string): Promise<ActiveAlert[]> => {
    const res = await api().get('/api/v1/alerts/active').set('Cookie', cookie).expect(200);
    return (res.body as ActiveAlert[]).filter((a) => a.ruleId === ruleId);
  };
  const history = async (ruleId: string): Promise<AlertRecord[]> => {
    const res = await api().get(`/api/v1/alerts?ruleId=${ruleId}`).set('Cookie', cookie).expect(200);
    return (res.body as AlertPage).items;
  };
  const firing = (ruleId: string, container: string, notId?: string) =>
    eventually(
      async () =>
        (await active(ruleId)).find(
          (a) => a.container === container && a.state === 'firing' && a.id !== notId,
        ),
      30_000,
      100,
    );
  const resolved = (ruleId: string, id: string) =>
    eventually(
      async () => (await history(ruleId)).find((a) => a.id === id && a.state === 'resolved'),
      30_000,
      100,
    );
  const hookMessages = () => hook.bodies().map((b) => `${String(b['state'])}: ${String(b['message'])}`);

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-alerts-docker-'));
    dockerd = await startDockerd();
    hook = await new HookServer().start();
    hub = await startTestApp(FAST_ALERTS);
    cookie = await signIn(hub);
    agent = await startDockerAgent(hub, cookie, buildAgentBundle(work), work, SERVER, dockerd, ['docker']);
  });
  afterAll(async () => {
    if (agent) await endPasted(agent.agent);
    await hub?.close();
    await hook?.stop();
    await dockerd?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('not-running: fires per exited container, resolves when it runs again or is removed', async () => {
    const { groupId } = await webhookGroup(hub.url, cookie, `${hook.url}/down`);
    const ruleId = await createRule(hub.url, cookie, {
      name: 'Jobs down',
      conditions: [{ kind: 'container', container: 'hw-job*', check: 'not-running', durationSeconds: 2 }],
      scope: { mode: 'include', serverIds: [agent.serverId] },
      notificationGroupId: groupId,
    });
    await dockerd.startContainer(['--name', 'hw-job', dockerd.image, 'sh', '-c', 'sleep 5; exit 3']);
    // a container the rule does not name never fires (2 s: `docker run` shows `created` for a moment)
    await dockerd.startContainer(['--name', 'other', dockerd.image, 'sh', '-c', 'exit 1']);

    const first = await firing(ruleId, 'hw-job');
    expect(first).toMatchObject({ serverName: SERVER, severity: 'warning' });
    expect(first.message).toBe(`container hw-job on ${SERVER}: not running (exited, exit code 3) for 2 s`);
    await eventually(() => hookMessages().length >= 1, 10_000);
    expect(hookMessages()).toEqual([
      `firing: container hw-job on ${SERVER}: not running (exited, exit code 3) for 2 s`,
    ]);

    // a second matching container is a second alert of the same rule and server
    await dockerd.startContainer(['--name', 'hw-job-2', dockerd.image, 'sh', '-c', 'exit 1']);
    const second = await firing(ruleId, 'hw-job-2');
    expect(second.id).not.toBe(first.id);
    expect((await active(ruleId)).map((a) => a.container).sort()).toEqual(['hw-job', 'hw-job-2']);

    // started again: the alert resolves; when it exits again, a new episode fires
    await dockerd.run(['start', 'hw-job']);
    expect(await resolved(ruleId, first.id)).toMatchObject({
      container: 'hw-job',
      resolution: 'conditions cleared',
    });
    await eventually(
      () => hookMessages().includes(`resolved: container hw-job on ${SERVER}: running`),
      10_000,
    );
    const again = await firing(ruleId, 'hw-job', first.id);
    expect(again.id).not.toBe(first.id);

    // removed: its alert resolves with the reason, the notice says so
    await dockerd.run(['rm', '-f', 'hw-job-2']);
    expect(await resolved(ruleId, second.id)).toMatchObject({ resolution: 'container removed' });
    await eventually(
      () => hookMessages().some((m) => m.includes(`hw-job-2 on ${SERVER}: removed`)),
      10_000,
    ).catch(() => {
      throw new Error(`no removal notice in ${JSON.stringify(hookMessages())}`);
    });
    expect(hookMessages()).toContain(
      `resolved: container hw-job-2 on ${SERVER}: removed (container removed)`,
    );
    expect(hookMessages().some((m) => m.includes('container other'))).toBe(false);
    await api().delete(`/api/v1/alert-rules/${ruleId}`).set('Cookie', cookie).expect(204);
  });

  it('oom: a container killed for memory fires, and resolves after a window without a kill', async () => {
    const ruleId = await createRule(hub.url, cookie, {
      name: 'OOM kills',
      severity: 'critical',
      conditions: [{ kind: 'container', container: 'hw-oom', check: 'oom', windowMinutes: 1 }],
      scope: { mode: 'include', serverIds: [agent.serverId] },
    });
    const started = Date.now();
    await dockerd.startContainer([
      ...['--name', 'hw-oom', '--memory', '8m', '--memory-swap', '8m'],
      ...[dockerd.image, 'tail', '/dev/zero'],
    ]);
    const alert = await firing(ruleId, 'hw-oom');
    expect(alert.message).toBe(`container hw-oom on ${SERVER}: 1 OOM kill(s) in the last 1 min`);
    expect(await dockerd.run(['inspect', '-f', '{{.State.OOMKilled}}', 'hw-oom'])).toBe('true');
    const done = await eventually(
      async () => (await history(ruleId)).find((a) => a.id === alert.id && a.state === 'resolved'),
      100_000,
      500,
    );
    expect(done.resolution).toBe('conditions cleared');
    expect(Date.parse(done.resolvedAt!) - started).toBeGreaterThanOrEqual(60_000);
  });

  it('the container rules of docs/alerts.md are accepted as written', async () => {
    const blocks = expectBlocks('docs/alerts.md', 'json', 'Container conditions', 4);
    for (const block of blocks) {
      const rule = JSON.parse(block) as { conditions: Record<string, unknown>[] };
      const res = await api().post('/api/v1/alert-rules').set('Cookie', cookie).send(rule).expect(201);
      expect(res.body.conditions).toEqual(rule.conditions.map((c) => ({ durationSeconds: 0, ...c })));
    }
    const refused = await api()
      .post('/api/v1/alert-rules')
      .set('Cookie', cookie)
      .send({ name: 'bad', conditions: [{ kind: 'container', check: 'restarts', count: 2 }] })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('restarts needs windowMinutes');
  });
});
