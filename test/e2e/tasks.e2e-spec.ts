import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import {
  taskPreviewResponseSchema,
  taskSchema,
  type CommandRun,
  type CommandRunDetail,
  type Task,
} from '@hivewatch/protocol';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { eventuallyDefined, startRealAgent, type RealAgentHandle } from '../support/agents/real-agent.js';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { DataSource } from 'typeorm';

jest.setTimeout(120_000);

interface AuditItem {
  action: string;
  outcome: string;
  actorName: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
}

describe('scheduled tasks: real hub, real agent, real scheduler', () => {
  let hub: TestApp;
  let cookie: string;
  let server: { id: string; token: string };
  const agents: RealAgentHandle[] = [];

  const api = (c = cookie) => ({
    get: (p: string) => request(hub.url).get(p).set('Cookie', c),
    post: (p: string, body: object = {}) => request(hub.url).post(p).set('Cookie', c).send(body),
    patch: (p: string, body: object) => request(hub.url).patch(p).set('Cookie', c).send(body),
    delete: (p: string) => request(hub.url).delete(p).set('Cookie', c),
  });
  const audit = async (query: string): Promise<AuditItem[]> =>
    ((await api().get(`/api/v1/audit-logs?${query}&limit=200`).expect(200)).body as { items: AuditItem[] })
      .items;
  const runsOf = async (taskId: string, c = cookie): Promise<CommandRun[]> =>
    (await api(c).get(`/api/v1/commands?taskId=${taskId}&limit=200`).expect(200)).body as CommandRun[];
  const task = (overrides: object = {}) => ({
    name: 'nightly cleanup',
    command: 'echo "cleaning $HOME" && true',
    targets: { serverIds: [server.id] },
    cron: '15 3 * * *',
    timeZone: 'Europe/Berlin',
    ...overrides,
  });

  beforeAll(async () => {
    hub = await startTestApp();
    cookie = await signIn(hub);
    server = await createServer(hub.url, cookie, 'task-host');
    const real = await startRealAgent(hub.url, {
      agentId: server.id,
      token: server.token,
      capabilities: ['exec'],
    });
    agents.push(real);
    await eventually(() => real.agent.isAuthenticated, 20_000);
  });
  afterAll(async () => {
    for (const a of agents) a.stop();
    await hub.close();
  });

  it('creates, reads, changes and deletes a task, each change audited with the command, targets and schedule', async () => {
    const created = taskSchema.strict().parse((await api().post('/api/v1/tasks', task()).expect(201)).body);
    expect(created).toMatchObject({
      name: 'nightly cleanup',
      cron: '15 3 * * *',
      timeZone: 'Europe/Berlin',
      overlapPolicy: 'skip',
      missedPolicy: 'skip',
      enabled: true,
      createdByName: 'admin',
      lastRunState: null,
      disabledReason: null,
    });
    // 03:15 in Berlin is 01:15 or 02:15 UTC
    expect(created.nextRunAt).toMatch(/T0[12]:15:00\.000Z$/);
    expect(Date.parse(created.nextRunAt!)).toBeGreaterThan(Date.now());

    const [createAudit] = await audit(`action=task.create&targetId=${created.id}`);
    expect(createAudit).toMatchObject({
      actorName: 'admin',
      detail: {
        command: 'echo "cleaning $HOME" && true',
        targets: { serverIds: [server.id] },
        cron: '15 3 * * *',
        timeZone: 'Europe/Berlin',
        runsAs: 'admin',
      },
    });

    const paused = (await api().patch(`/api/v1/tasks/${created.id}`, { enabled: false }).expect(200))
      .body as Task;
    expect(paused).toMatchObject({ enabled: false, nextRunAt: null });
    const moved = (
      await api()
        .patch(`/api/v1/tasks/${created.id}`, { enabled: true, cron: '0 */6 * * *', timeZone: 'UTC' })
        .expect(200)
    ).body as Task;
    expect(moved.nextRunAt).toMatch(/T(00|06|12|18):00:00\.000Z$/);
    const [updateAudit] = await audit(`action=task.update&targetId=${created.id}`);
    expect(updateAudit?.detail).toMatchObject({
      cron: '0 */6 * * *',
      timeZone: 'UTC',
      command: created.command,
    });

    const retargeted = taskSchema.strict().parse(
      (
        await api()
          .patch(`/api/v1/tasks/${created.id}`, { targets: { tags: ['web'] } })
          .expect(200)
      ).body,
    );
    expect(retargeted).toMatchObject({
      targets: { tags: ['web'] },
      cron: '0 */6 * * *',
      nextRunAt: moved.nextRunAt,
    });
    const list = (await api().get('/api/v1/tasks').expect(200)).body as Task[];
    for (const t of list) taskSchema.strict().parse(t);
    expect(list.map((t) => t.id)).toContain(created.id);
    await api().delete(`/api/v1/tasks/${created.id}`).expect(204);
    await api().get(`/api/v1/tasks/${created.id}`).expect(404);
    const [deleteAudit] = await audit(`action=task.delete&targetId=${created.id}`);
    expect(deleteAudit?.detail).toMatchObject({ command: created.command, cron: '0 */6 * * *' });
  });

  it('refuses a bad expression, an unknown zone and a schedule that never fires with the reason', async () => {
    const bad = await api()
      .post('/api/v1/tasks', task({ cron: '61 * * * *' }))
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/minute/);
    const zone = await api()
      .post('/api/v1/tasks', task({ timeZone: 'Mars/Olympus' }))
      .expect(400);
    expect(JSON.stringify(zone.body)).toMatch(/unknown time zone/);
    const never = await api()
      .post('/api/v1/tasks', task({ cron: '0 0 30 2 *' }))
      .expect(400);
    expect(JSON.stringify(never.body)).toMatch(/never fires/);
    await api()
      .post('/api/v1/tasks', task({ cron: '0 0 0 1 1 * 2030' }))
      .expect(400);
    await api()
      .post('/api/v1/tasks', task({ overlapPolicy: 'queue' }))
      .expect(400);
    await api()
      .post('/api/v1/tasks', { ...task(), extra: 1 })
      .expect(400);
    expect((await api().get('/api/v1/tasks').expect(200)).body).toEqual([]);
  });

  it('previews the next times of five- and six-field expressions in a zone', async () => {
    const five = await api()
      .post('/api/v1/tasks/preview', { cron: '30 2 * * *', timeZone: 'America/New_York', count: 3 })
      .expect(200);
    expect(taskPreviewResponseSchema.strict().parse(five.body).next).toHaveLength(3);
    for (const t of five.body.next as string[]) expect(t).toMatch(/T0[67]:30:00\.000Z$/);
    const six = await api()
      .post('/api/v1/tasks/preview', { cron: '*/10 * * * * *', timeZone: 'UTC' })
      .expect(200);
    const times = (six.body.next as string[]).map(Date.parse);
    expect(times).toHaveLength(5); // the default count
    expect(times[1]! - times[0]!).toBe(10_000);
    const bad = await api().post('/api/v1/tasks/preview', { cron: 'every day', timeZone: 'UTC' }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/five, six, or seven|parts/);
    await api().post('/api/v1/tasks/preview', { cron: '* * * * *', timeZone: 'Nowhere/Town' }).expect(400);
    await api().post('/api/v1/tasks/preview', { cron: '* * * * *', timeZone: 'UTC', count: 21 }).expect(400);
  });

  it('needs an admin, and a step-up for every change', async () => {
    const userCookie = await createUserAndSignIn(hub, cookie, {
      username: 'viewer',
      password: 'viewer-password-0001',
      role: 'user',
    });
    await api(userCookie).get('/api/v1/tasks').expect(403);
    await api(userCookie).post('/api/v1/tasks/preview', { cron: '* * * * *', timeZone: 'UTC' }).expect(403);
    const adminKey = await createApiKey(hub, cookie, 'admin');
    await request(hub.url)
      .post('/api/v1/tasks')
      .set('Authorization', `Bearer ${adminKey}`)
      .send(task())
      .expect(403);
    const opsKey = await createApiKey(hub, cookie, 'ops');
    const viaKey = await request(hub.url)
      .post('/api/v1/tasks')
      .set('Authorization', `Bearer ${opsKey}`)
      .send(task({ enabled: false }))
      .expect(201);
    expect((viaKey.body as Task).createdByName).toBe('admin');

    await ageStepUpProofs(hub);
    const stale = await api().post('/api/v1/tasks', task()).expect(401);
    expect(JSON.stringify(stale.body)).toMatch(/step_up_required/);
    await api()
      .patch(`/api/v1/tasks/${(viaKey.body as Task).id}`, { name: 'x' })
      .expect(401);
    await api()
      .post(`/api/v1/tasks/${(viaKey.body as Task).id}/run`)
      .expect(401);
    await api()
      .delete(`/api/v1/tasks/${(viaKey.body as Task).id}`)
      .expect(401);
    await api()
      .get(`/api/v1/tasks/${(viaKey.body as Task).id}`)
      .expect(200);
    cookie = await signIn(hub); // a fresh proof for the tests below
    await api()
      .delete(`/api/v1/tasks/${(viaKey.body as Task).id}`)
      .expect(204);
  });

  it('fires a six-field task every two seconds on the agent; its runs are listed by task', async () => {
    const created = (
      await api()
        .post(
          '/api/v1/tasks',
          task({ name: 'every 2 s', cron: '*/2 * * * * *', timeZone: 'UTC', command: 'echo tick' }),
        )
        .expect(201)
    ).body as Task;
    const runs = await eventuallyDefined(async () => {
      const r = await runsOf(created.id);
      return r.filter((x) => x.state === 'done').length >= 3 ? r : undefined;
    }, 30_000);
    await api().patch(`/api/v1/tasks/${created.id}`, { enabled: false }).expect(200);
    for (const run of runs) expect(run).toMatchObject({ taskId: created.id, command: 'echo tick' });
    const detail = (
      await api()
        .get(`/api/v1/commands/${runs.at(-1)!.id}`)
        .expect(200)
    ).body as CommandRunDetail;
    expect(detail.results[0]).toMatchObject({ serverId: server.id, state: 'ok', stdout: { head: 'tick\n' } });
    const fired = await audit(`action=task.fire&targetId=${created.id}`);
    const scheduled = fired.map((a) => Date.parse(String(a.detail?.scheduledFor)));
    for (const t of scheduled) expect(t % 2000).toBe(0);
    expect(new Set(scheduled).size).toBe(scheduled.length);
    const view = (await api().get(`/api/v1/tasks/${created.id}`).expect(200)).body as Task;
    expect(view.lastRunId).not.toBeNull();
    expect(['running', 'done']).toContain(view.lastRunState);
    // the creator's rights: the command run is audited as the creator's, with the task's id
    const commandAudit = (await audit('action=command.run')).find((a) => a.detail?.taskId === created.id);
    expect(commandAudit).toMatchObject({ actorName: 'admin', detail: { command: 'echo tick' } });
  });

  it('overlap skip: no new firing while the previous run still runs; run-now refuses too', async () => {
    const created = (
      await api()
        .post(
          '/api/v1/tasks',
          task({ name: 'slow', cron: '*/2 * * * * *', timeZone: 'UTC', command: 'sleep 5' }),
        )
        .expect(201)
    ).body as Task;
    await eventually(
      async () => (await audit(`action=task.skipped&targetId=${created.id}`)).length >= 1,
      20_000,
    );
    await api().post(`/api/v1/tasks/${created.id}/run`).expect(409);
    await api().patch(`/api/v1/tasks/${created.id}`, { enabled: false }).expect(200);
    const skipped = await audit(`action=task.skipped&targetId=${created.id}`);
    expect(skipped[0]?.detail).toMatchObject({ reason: 'overlap' });
    const runs = await runsOf(created.id);
    // 5 s runs, a time every 2 s: never two runs of this task at once
    const spans = runs.map((r) => [Date.parse(r.createdAt), r.endedAt ? Date.parse(r.endedAt) : Infinity]);
    spans.sort((a, b) => a[0]! - b[0]!);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]!);
  });

  it('after downtime: missed policy skip lets the times go, run-once runs once; both move to the next future time', async () => {
    const make = async (missedPolicy: string) =>
      (
        await api()
          .post(
            '/api/v1/tasks',
            task({
              name: missedPolicy,
              cron: '0 0 1 1 *',
              timeZone: 'UTC',
              missedPolicy,
              command: 'echo late',
            }),
          )
          .expect(201)
      ).body as Task;
    const skip = await make('skip');
    const once = await make('run-once');
    // as if the hub had been down since this time an hour ago (a yearly task: no other time is near)
    const hourAgo = Date.now() - 3_600_000;
    await hub.app
      .get(DataSource)
      .query(
        `UPDATE "scheduled_tasks" SET "nextRunAt" = ${hourAgo} WHERE "id" IN ('${skip.id}', '${once.id}')`,
      );
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`;
    await eventually(async () => {
      const views = await Promise.all(
        [skip, once].map(async (t) => (await api().get(`/api/v1/tasks/${t.id}`)).body as Task),
      );
      return views.every((v) => v.nextRunAt === nextYear);
    }, 10_000);
    expect(await runsOf(skip.id)).toHaveLength(0);
    const [skipped] = await audit(`action=task.skipped&targetId=${skip.id}`);
    expect(skipped?.detail).toMatchObject({
      reason: 'missed',
      scheduledFor: new Date(hourAgo).toISOString(),
      missed: 1,
    });
    expect(await runsOf(once.id)).toHaveLength(1);
    const [fired] = await audit(`action=task.fire&targetId=${once.id}`);
    expect(fired?.detail).toMatchObject({ late: true, scheduledFor: new Date(hourAgo).toISOString() });
    await sleep(2_000);
    expect(await runsOf(once.id)).toHaveLength(1);
    for (const t of [skip, once]) await api().delete(`/api/v1/tasks/${t.id}`).expect(204);
  });

  it('runs now on request, outside the schedule', async () => {
    const created = (
      await api()
        .post('/api/v1/tasks', task({ name: 'manual', command: 'echo now' }))
        .expect(201)
    ).body as Task;
    const run = (await api().post(`/api/v1/tasks/${created.id}/run`).expect(201)).body as CommandRunDetail;
    expect(run.taskId).toBe(created.id);
    expect((await runsOf(created.id)).map((r) => r.id)).toEqual([run.id]);
    const [runAudit] = await audit(`action=task.run&targetId=${created.id}`);
    expect(runAudit?.detail).toMatchObject({ command: 'echo now', runId: run.id });
    await api().delete(`/api/v1/tasks/${created.id}`).expect(204);
  });

  it('stops a task at once when its creator is disabled, and it cannot be enabled again while they are', async () => {
    const otherCookie = await createUserAndSignIn(hub, cookie, {
      username: 'ops-admin',
      password: 'ops-admin-password-01',
      role: 'admin',
    });
    const created = (
      await api(otherCookie)
        .post(
          '/api/v1/tasks',
          task({ name: 'theirs', cron: '*/2 * * * * *', timeZone: 'UTC', command: 'true' }),
        )
        .expect(201)
    ).body as Task;
    expect(created.createdByName).toBe('ops-admin');
    // a yearly task never reaches the check before a firing: only the user change can stop it
    const yearly = (
      await api(otherCookie)
        .post('/api/v1/tasks', task({ name: 'theirs yearly', cron: '0 0 1 1 *', timeZone: 'UTC' }))
        .expect(201)
    ).body as Task;
    await eventually(async () => (await runsOf(created.id)).length >= 1, 20_000);
    const me = (await api().get('/api/v1/users').expect(200)).body as { id: string; username: string }[];
    const other = me.find((u) => u.username === 'ops-admin')!;
    await api().patch(`/api/v1/users/${other.id}`, { disabled: true }).expect(200);
    // at once: the user change stops the task (not the next firing's check), within a moment
    const stopped = await eventuallyDefined(async () => {
      const view = (await api().get(`/api/v1/tasks/${created.id}`).expect(200)).body as Task;
      return view.enabled ? undefined : view;
    }, 1_500);
    expect(stopped).toMatchObject({ enabled: false, nextRunAt: null });
    expect(stopped.disabledReason).toMatch(/disabled/);
    const [disabledAudit] = await audit(`action=task.disabled&targetId=${created.id}`);
    expect(disabledAudit?.detail).toMatchObject({ command: 'true', reason: stopped.disabledReason });
    const yearlyView = (await api().get(`/api/v1/tasks/${yearly.id}`).expect(200)).body as Task;
    expect(yearlyView).toMatchObject({
      enabled: false,
      nextRunAt: null,
      disabledReason: stopped.disabledReason,
    });
    const count = (await runsOf(created.id)).length;
    await sleep(4_500);
    expect(await runsOf(created.id)).toHaveLength(count);
    const refused = await api().patch(`/api/v1/tasks/${created.id}`, { enabled: true }).expect(409);
    expect(JSON.stringify(refused.body)).toMatch(/ops-admin was disabled/);
  });
  it('stops the tasks of a user who is demoted or deleted', async () => {
    const users = ['demoted-admin', 'deleted-admin'];
    const tasks: Task[] = [];
    for (const username of users) {
      const c = await createUserAndSignIn(hub, cookie, {
        username,
        password: `${username}-password-1`,
        role: 'admin',
      });
      tasks.push(
        (
          await api(c)
            .post('/api/v1/tasks', task({ name: username, cron: '0 0 1 1 *', timeZone: 'UTC' }))
            .expect(201)
        ).body as Task,
      );
    }
    const all = (await api().get('/api/v1/users').expect(200)).body as { id: string; username: string }[];
    const id = (name: string) => all.find((u) => u.username === name)!.id;
    await api()
      .patch(`/api/v1/users/${id('demoted-admin')}`, { role: 'user' })
      .expect(200);
    await api()
      .delete(`/api/v1/users/${id('deleted-admin')}`)
      .expect(204);
    const reasons = await eventuallyDefined(async () => {
      const views = await Promise.all(
        tasks.map(async (t) => (await api().get(`/api/v1/tasks/${t.id}`).expect(200)).body as Task),
      );
      return views.every((v) => !v.enabled) ? views.map((v) => v.disabledReason) : undefined;
    }, 3_000);
    expect(reasons).toEqual(['its creator is no longer an admin', 'its creator was deleted']);
    const view = (await api().get(`/api/v1/tasks/${tasks[1]!.id}`).expect(200)).body as Task;
    expect(view.createdByName).toBeNull();
  });
});
