import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { terminalSessionSchema, terminalSettingsSchema } from '@hivewatch/protocol';
import { createApp } from '../../src/app.factory.js';
import { TerminalSessionLog } from '../../src/terminal/sessions/terminal-session-log.service.js';
import { TerminalSessionRetention } from '../../src/terminal/sessions/terminal-session-retention.js';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * Administration → Sessions on a real hub (SQLite file, real HTTP): the rows, audit entries and
 * asciicast recordings that TerminalSessionLog writes (sessions are started through the service
 * here; the relay's own path is test/e2e/terminal.e2e-spec.ts), the REST routes, the settings,
 * a server's `terminalRecording`, and retention.
 */
describe('terminal sessions', () => {
  let hub: TestApp;
  let admin: string;
  let serverId: string;
  let log: TerminalSessionLog;
  const api = () => request(hub.url);
  const userId = randomUUID();
  let n = 0;

  const start = (over: { serverId?: string; userId?: string; id?: string } = {}) =>
    log.started({
      id: over.id ?? `t_${++n}_${randomUUID()}`,
      serverId: over.serverId ?? serverId,
      serverName: 'web-1',
      userId: over.userId ?? userId,
      userName: 'admin',
      remoteAddress: '127.0.0.1',
      userAgent: 'jest',
      cols: 80,
      rows: 24,
    });
  const end = { reason: 'exited' as const, exitCode: 0, signal: null, bytesIn: 12, bytesOut: 34 };
  const stepUp = () =>
    api()
      .post('/api/v1/auth/step-up')
      .set('Cookie', admin)
      .send({ password: TEST_ADMIN.password })
      .expect(200);
  const putSettings = (body: object) =>
    api().put('/api/v1/terminal/settings').set('Cookie', admin).send(body);
  const list = async (query = '') =>
    (
      (await api().get(`/api/v1/terminal/sessions${query}`).set('Cookie', admin).expect(200))
        .body as unknown[]
    ).map((s) => terminalSessionSchema.parse(s));
  const audits = async (action: string) =>
    (await api().get(`/api/v1/audit-logs?action=${action}`).set('Cookie', admin).expect(200)).body.items as {
      actorName: string;
      ip: string | null;
      detail: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
    log = hub.app.get(TerminalSessionLog);
    const res = await api().post('/api/v1/servers').set('Cookie', admin).send({ name: 'web-1' }).expect(201);
    serverId = res.body.server.id as string;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('has settings with defaults; PUT needs step-up, validates, is audited', async () => {
    const got = await api().get('/api/v1/terminal/settings').set('Cookie', admin).expect(200);
    expect(terminalSettingsSchema.parse(got.body)).toEqual({
      recording: false,
      maxSessionsPerServer: 4,
      maxSessionsPerUser: 8,
    });
    await putSettings({ recording: true, maxSessionsPerServer: 0, maxSessionsPerUser: 8 }).expect(400);
    await putSettings({ recording: true, maxSessionsPerServer: 2, maxSessionsPerUser: 8, extra: 1 }).expect(
      400,
    );
    await putSettings({ recording: 'yes' }).expect(400);
    await ageStepUpProofs(hub);
    const stale = await putSettings({
      recording: true,
      maxSessionsPerServer: 2,
      maxSessionsPerUser: 3,
    }).expect(401);
    expect(stale.body.reason).toBe('step_up_required');
    await stepUp();
    const next = { recording: true, maxSessionsPerServer: 2, maxSessionsPerUser: 3 };
    expect((await putSettings(next).expect(200)).body).toEqual(next);
    expect((await api().get('/api/v1/terminal/settings').set('Cookie', admin).expect(200)).body).toEqual(
      next,
    );
    const [entry] = await audits('terminal.settings.update');
    expect(entry?.detail).toMatchObject({ before: { recording: false }, after: next });
  });

  it('records a session when the global switch is on: asciicast v2, 0600, output and resizes', async () => {
    const id = `t_rec_${randomUUID()}`;
    const sink = await start({ id });
    expect(sink).not.toBeNull();
    sink!.output(Buffer.from('$ echo h'));
    sink!.output(Buffer.from([0xc3])); // é split across two chunks
    sink!.output(Buffer.from([0xa9, 0x0d, 0x0a]));
    sink!.resize(100, 30);
    const [live] = await list(`?live=true&serverId=${serverId}`);
    expect(live).toMatchObject({
      id,
      live: true,
      endedAt: null,
      durationMs: null,
      recorded: true,
      recordingBytes: null,
    });
    await log.ended(id, end);
    const file = path.join(hub.dataDir, 'recordings', `${id}.cast`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toMatchObject({ version: 2, width: 80, height: 24, title: 'admin@web-1' });
    expect(lines.slice(1).map((e) => (e as unknown[]).slice(1))).toEqual([
      ['o', '$ echo h'],
      ['o', 'é\r\n'],
      ['r', '100x30'],
    ]);

    const [row] = (await list(`?live=false&serverId=${serverId}`)).filter((s) => s.id === id);
    expect(row).toMatchObject({
      live: false,
      reason: 'exited',
      exitCode: 0,
      bytesIn: 12,
      bytesOut: 34,
      recorded: true,
    });
    expect(row!.recordingBytes).toBe(statSync(file).size);
    expect(row!.durationMs).toBeGreaterThanOrEqual(0);

    const download = await api()
      .get(`/api/v1/terminal/sessions/${id}/recording`)
      .set('Cookie', admin)
      .expect(200);
    expect(download.headers['content-type']).toContain('application/x-asciicast');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${id}.cast"`);
    const body = download.text || Buffer.from(download.body as Buffer).toString('utf8');
    expect(body).toBe(readFileSync(file, 'utf8'));
    const [audit] = await audits('terminal.recording.download');
    expect(audit?.detail).toMatchObject({ sessionId: id });
  });

  it('audits start and end: who, server, from where, user agent, duration, bytes each way', async () => {
    const id = `t_audit_${randomUUID()}`;
    await start({ id });
    await log.ended(id, { ...end, reason: 'idle-timeout', exitCode: null, signal: 'SIGHUP' });
    const started = (await audits('terminal.session.start')).find((a) => a.detail.sessionId === id);
    expect(started).toMatchObject({ actorName: 'admin', ip: '127.0.0.1' });
    expect(started?.detail).toMatchObject({ server: 'web-1', userAgent: 'jest' });
    const ended = (await audits('terminal.session.end')).find((a) => a.detail.sessionId === id);
    expect(ended?.detail).toMatchObject({
      reason: 'idle-timeout',
      signal: 'SIGHUP',
      bytesIn: 12,
      bytesOut: 34,
    });
    expect(typeof ended?.detail.durationMs).toBe('number');
  });

  it("follows the server's own terminalRecording over the global switch; changing it needs step-up", async () => {
    const patch = (body: object) =>
      api().patch(`/api/v1/servers/${serverId}`).set('Cookie', admin).send(body);
    await patch({ terminalRecording: 'no' }).expect(400);
    await ageStepUpProofs(hub);
    await patch({ notes: 'no step-up needed for notes' }).expect(200);
    await patch({ terminalRecording: false }).expect(401);
    await stepUp();
    expect((await patch({ terminalRecording: false }).expect(200)).body.terminalRecording).toBe(false);
    expect(await start()).toBeNull();
    await putSettings({ recording: false, maxSessionsPerServer: 4, maxSessionsPerUser: 8 }).expect(200);
    await patch({ terminalRecording: true }).expect(200);
    const sink = await start();
    expect(sink).not.toBeNull();
    await patch({ terminalRecording: null }).expect(200);
    expect(await start()).toBeNull();
    const notRecorded = (await list(`?serverId=${serverId}&live=true`)).filter((s) => !s.recorded);
    expect(notRecorded.length).toBeGreaterThanOrEqual(2);
    await api()
      .get(`/api/v1/terminal/sessions/${notRecorded[0]!.id}/recording`)
      .set('Cookie', admin)
      .expect(404);
  });

  it('lists with filters and a bounded limit', async () => {
    const otherUser = randomUUID();
    const id = `t_filter_${randomUUID()}`;
    await start({ id, userId: otherUser });
    expect((await list(`?userId=${otherUser}`)).map((s) => s.id)).toEqual([id]);
    expect((await list(`?userId=${randomUUID()}`)).length).toBe(0);
    expect((await list('?limit=1')).length).toBe(1);
    for (const q of ['?limit=0', '?limit=201', '?live=maybe', '?serverId=nope', '?userId=1'])
      await api().get(`/api/v1/terminal/sessions${q}`).set('Cookie', admin).expect(400);
    const all = await list('?limit=200');
    const times = all.map((s) => Date.parse(s.startedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('DELETE: 404 unknown, 400 bad id, 409 once ended, step-up first; closes a row no relay holds', async () => {
    await api().delete(`/api/v1/terminal/sessions/t_${randomUUID()}`).set('Cookie', admin).expect(404);
    await api().delete('/api/v1/terminal/sessions/bad%20id').set('Cookie', admin).expect(400);
    const id = `t_del_${randomUUID()}`;
    await start({ id });
    await log.ended(id, end);
    await api().delete(`/api/v1/terminal/sessions/${id}`).set('Cookie', admin).expect(409);
    await ageStepUpProofs(hub);
    await api().delete(`/api/v1/terminal/sessions/${id}`).set('Cookie', admin).expect(401);
    await stepUp();
    // A live row that no relay holds (its relay is gone) is closed by the request itself.
    const orphan = `t_orphan_${randomUUID()}`;
    await start({ id: orphan });
    await api().delete(`/api/v1/terminal/sessions/${orphan}`).set('Cookie', admin).expect(204);
    expect((await list('?limit=200')).find((s) => s.id === orphan)).toMatchObject({
      live: false,
      reason: 'user',
    });
    const [audit] = await audits('terminal.session.terminate');
    expect(audit?.detail).toMatchObject({ sessionId: orphan });
  });

  it('refuses the user role and API keys (even ops) on every route', async () => {
    const user = await createUserAndSignIn(hub, admin, {
      username: 'dave',
      password: 'dave-password-000001',
      role: 'user',
    });
    const ops = { Authorization: `Bearer ${await createApiKey(hub, admin, 'ops')}` };
    const adminKey = { Authorization: `Bearer ${await createApiKey(hub, admin, 'admin')}` };
    for (const auth of [{ Cookie: user }, ops, adminKey]) {
      await api().get('/api/v1/terminal/sessions').set(auth).expect(403);
      await api().get('/api/v1/terminal/settings').set(auth).expect(403);
      await api()
        .put('/api/v1/terminal/settings')
        .set(auth)
        .send({ recording: true, maxSessionsPerServer: 4, maxSessionsPerUser: 8 })
        .expect(403);
      await api().get('/api/v1/terminal/sessions/t_x/recording').set(auth).expect(403);
      await api().delete('/api/v1/terminal/sessions/t_x').set(auth).expect(403);
    }
    expect(
      (await api().get('/api/v1/terminal/settings').set('Cookie', admin).expect(200)).body.recording,
    ).toBe(false);
  });

  it('deletes sessions and recordings past the retention, keeps recent and live ones', async () => {
    await putSettings({ recording: true, maxSessionsPerServer: 4, maxSessionsPerUser: 8 }).expect(200);
    const old = `t_old_${randomUUID()}`;
    const oldLive = `t_oldlive_${randomUUID()}`;
    const recent = `t_recent_${randomUUID()}`;
    for (const id of [old, oldLive, recent]) (await start({ id }))?.output(Buffer.from('x'));
    await log.ended(old, end);
    await log.ended(recent, end);
    const db = hub.app.get(DataSource);
    const longAgo = Date.now() - (hub.config.audit.retentionDays + 1) * 86_400_000;
    await db.query(`UPDATE "terminal_sessions" SET "startedAt" = ? WHERE "id" IN (?, ?)`, [
      longAgo,
      old,
      oldLive,
    ]);
    const file = (id: string) => path.join(hub.dataDir, 'recordings', `${id}.cast`);
    expect(existsSync(file(old))).toBe(true);
    expect(await hub.app.get(TerminalSessionRetention).sweep()).toBe(1);
    expect(existsSync(file(old))).toBe(false);
    expect(existsSync(file(recent))).toBe(true);
    expect(existsSync(file(oldLive))).toBe(true);
    const ids = (await list('?limit=200')).map((s) => s.id);
    expect(ids).not.toContain(old);
    expect(ids).toEqual(expect.arrayContaining([recent, oldLive]));
    await api().get(`/api/v1/terminal/sessions/${old}/recording`).set('Cookie', admin).expect(404);
    await log.ended(oldLive, end);
  });

  it("closes at start the sessions this hub left live (hub-gone), not another hub's", async () => {
    const mine = `t_mine_${randomUUID()}`;
    const theirs = `t_theirs_${randomUUID()}`;
    await start({ id: mine });
    await start({ id: theirs });
    const db = hub.app.get(DataSource);
    await db.query(`UPDATE "terminal_sessions" SET "hubId" = 'another-hub' WHERE "id" = ?`, [theirs]);
    // The same hub started again (same data folder, so the same hub id, same database).
    const again = await createApp(hub.config);
    await again.init();
    await again.close();
    const rows = await list('?limit=200');
    expect(rows.find((s) => s.id === mine)).toMatchObject({ live: false, reason: 'hub-gone' });
    expect(rows.find((s) => s.id === theirs)).toMatchObject({ live: true });
    await db.query(
      `UPDATE "terminal_sessions" SET "hubId" = NULL, "endedAt" = 1, "reason" = 'hub-gone' WHERE "id" = ?`,
      [theirs],
    );
  });
});
