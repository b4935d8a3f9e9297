import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { CommandRun, Task } from '@hivewatch/protocol';
import { createServer, sleep } from '../support/agents/fixtures.js';
import { HUB_PROCESS_ADMIN, startHubProcess, type HubProcess } from '../support/hub-process.js';

jest.setTimeout(120_000);

const PG_ADMIN = process.env.HIVEWATCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const psql = (url: string, sql: string) =>
  execFileSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], {
    encoding: 'utf8',
  }).trim();

interface FireAudit {
  outcome: string;
  detail: { scheduledFor: string; runId: string; by: string };
}

/**
 * Two built hub processes on one database, each with its own scheduler: a task every 2 s for about
 * 12 s must give exactly one run per scheduled time, none missing (the lease decides who fires).
 */
describe('scheduled tasks with two hubs on one database', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const undo of cleanups.reverse()) await undo();
    cleanups.length = 0;
  });

  const twoHubs = async (env: Record<string, string>): Promise<[HubProcess, HubProcess]> => {
    const a = await startHubProcess(env); // applies the migrations
    cleanups.push(() => a.stop());
    const b = await startHubProcess(env);
    cleanups.push(() => b.stop());
    return [a, b];
  };

  const exactlyOnePerTime = async ([a, b]: [HubProcess, HubProcess]) => {
    const login = await request(a.url).post('/api/v1/auth/login').send(HUB_PROCESS_ADMIN).expect(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
    // an offline host with no waiting: each firing is a run that ends at once as `offline`
    const host = await createServer(a.url, cookie, 'nobody-home');
    const created = await request(a.url)
      .post('/api/v1/tasks')
      .set('Cookie', cookie)
      .send({
        name: 'every 2 s',
        command: 'date',
        targets: { serverIds: [host.id] },
        cron: '*/2 * * * * *',
        timeZone: 'UTC',
        overlapPolicy: 'allow',
        offlineTtlSeconds: 0,
      })
      .expect(201);
    const task = created.body as Task;
    const first = Date.parse(task.nextRunAt!);
    await sleep(first + 12_000 - Date.now());
    await request(a.url)
      .patch(`/api/v1/tasks/${task.id}`)
      .set('Cookie', cookie)
      .send({ enabled: false })
      .expect(200);
    await sleep(1_500); // a firing taken just before the pause finishes

    const runs = (
      await request(b.url)
        .get(`/api/v1/commands?taskId=${task.id}&limit=200`)
        .set('Cookie', cookie)
        .expect(200)
    ).body as CommandRun[];
    const fired = (
      (
        await request(a.url)
          .get(`/api/v1/audit-logs?action=task.fire&targetId=${task.id}&limit=200`)
          .set('Cookie', cookie)
          .expect(200)
      ).body as { items: FireAudit[] }
    ).items;
    expect(fired.every((f) => f.outcome === 'success')).toBe(true);
    const byTime = new Map<string, string[]>();
    for (const f of fired)
      byTime.set(f.detail.scheduledFor, [...(byTime.get(f.detail.scheduledFor) ?? []), f.detail.runId]);
    const times = [...byTime.keys()].map(Date.parse).sort((x, y) => x - y);
    // exactly one run per scheduled time
    for (const ids of byTime.values()) expect(ids).toHaveLength(1);
    expect(runs.map((r) => r.id).sort()).toEqual(fired.map((f) => f.detail.runId).sort());
    // none missing: every 2 s from the first time on, about 12 s of them
    expect(times[0]).toBe(first);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(2000);
    expect(times.length).toBeGreaterThanOrEqual(6);
    const owners = new Set(fired.map((f) => f.detail.by));
    const runCreatedAt = new Map(runs.map((r) => [r.id, Date.parse(r.createdAt)]));
    const lagMs = fired.map((f) => runCreatedAt.get(f.detail.runId)! - Date.parse(f.detail.scheduledFor));
    return { runs: runs.length, owners: owners.size, maxLagMs: Math.max(...lagMs) };
  };

  it('PostgreSQL: exactly one run per scheduled time, none missing', async () => {
    const dbName = `hivewatch_tasks_${process.pid}_${Date.now()}`;
    psql(PG_ADMIN, `CREATE DATABASE ${dbName}`);
    cleanups.push(() => void psql(PG_ADMIN, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    const hubs = await twoHubs({ DATABASE_URL: PG_ADMIN.replace(/\/[^/]*$/, `/${dbName}`) });
    const result = await exactlyOnePerTime(hubs);
    console.log(
      `postgres: ${result.runs} runs, fired by ${result.owners} hub(s), max lag ${result.maxLagMs} ms`,
    );
  });

  it('SQLite (one file, two processes): exactly one run per scheduled time, none missing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-tasks-sqlite-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const hubs = await twoHubs({ DATABASE_URL: `sqlite:${path.join(dir, 'hub.db')}` });
    const result = await exactlyOnePerTime(hubs);
    console.log(
      `sqlite: ${result.runs} runs, fired by ${result.owners} hub(s), max lag ${result.maxLagMs} ms`,
    );
  });
});
