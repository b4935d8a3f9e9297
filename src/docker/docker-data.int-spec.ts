import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ContainerSnapshot } from '@hivewatch/protocol';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { Clock } from '../common/auth/clock.js';
import { HubEvents } from '../common/events/hub-events.js';
import { RetentionService } from '../records/retention.service.js';
import { insertServer } from '../records/servers.test-helper.js';
import { ContainerHistoryService } from './api/container-history.js';
import { ContainerViews } from './api/container-views.js';
import { DockerEventsService } from './api/docker-events.service.js';
import { containerId, makeContainer } from './containers.test-helper.js';
import { ContainerHour, ContainerMinute } from './entities/container-figures.entity.js';
import { DockerContainer } from './entities/docker-container.entity.js';
import { DockerEventRow } from './entities/docker-event.entity.js';
import { DockerIngest } from './ingest/docker-ingest.service.js';
import { DockerWriter } from './store/docker-writer.service.js';
import { EVENTS_PER_SERVER_MAX, EventRetention } from './store/event-retention.js';

const H = Date.UTC(2030, 0, 1, 12, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const PG_ADMIN = process.env.HIVEWATCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const psql = (sql: string) =>
  execFileSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', PG_ADMIN, '-c', sql]);

describe.each(['sqlite', 'postgres'] as const)('docker data on a migrated %s database', (dialect) => {
  let hub: TestApp;
  let now = H;
  let ds: DataSource;
  let events: HubEvents;
  let writer: DockerWriter;
  let serverId: string;

  const stats = (containers: ContainerSnapshot[], at = now, server = serverId) =>
    events.emit('agent.docker-stats', {
      serverId: server,
      payload: { available: true, at, containers },
      receivedAt: at,
      clockOffsetMs: 0,
    });

  const dbName = `hivewatch_docker_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    now = H;
    if (dialect === 'postgres') psql(`CREATE DATABASE ${dbName}`);
    hub = await startTestApp(
      dialect === 'postgres' ? { DATABASE_URL: PG_ADMIN.replace(/\/[^/]*$/, `/${dbName}`) } : {},
    );
    jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => now);
    ds = hub.app.get(DataSource);
    events = hub.app.get(HubEvents);
    writer = hub.app.get(DockerWriter);
    serverId = await insertServer(ds, 'docker-host');
  });
  afterAll(async () => {
    await hub.close();
    if (dialect === 'postgres') psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it('stores container rows, minute rows (avg, max, running share) and the removal of a container', async () => {
    stats([makeContainer('a', { cpuPercent: 10 }), makeContainer('b', { cpuPercent: 1 })], H);
    stats(
      [
        makeContainer('a', { cpuPercent: 30 }),
        makeContainer('b', { state: 'exited', exitCode: 2, cpuPercent: null }),
      ],
      H + 30_000,
    );
    now = H + MIN + 10_000;
    stats([makeContainer('a', { cpuPercent: 50 })], H + MIN);
    await writer.flushMinutes();

    const rows = await ds.getRepository(DockerContainer).find({ order: { name: 'ASC' } });
    expect(rows.map((r) => [r.name, r.state, r.exitCode, r.removedAt])).toEqual([
      ['c-a', 'running', null, null],
      ['c-b', 'exited', 2, H + MIN],
    ]);
    expect(rows[0]!.firstSeenAt).toBe(H);
    expect(rows[0]!.lastSeenAt).toBe(H + MIN);
    const minutes = await ds.getRepository(ContainerMinute).find({ order: { containerKey: 'ASC' } });
    expect(minutes.map((m) => [m.containerKey, m.minute, m.n, m.running, m.cpu, m.cpuMax])).toEqual([
      [rows[0]!.key, H / MIN, 2, 2, 2000, 3000],
      [rows[1]!.key, H / MIN, 2, 1, 100, 100],
    ]);

    const views = hub.app.get(ContainerViews);
    const list = await views.ofServer(serverId, now);
    expect(list.available).toBe(true);
    expect(list.containers.map((c) => [c.name, c.cpuPercent, c.removedAt])).toEqual([
      ['c-a', 50, null],
      ['c-b', null, new Date(H + MIN).toISOString()],
    ]);
    const fleet = await views.search({ q: 'DOCKER-host', limit: 10, offset: 0, includeRemoved: 'true' });
    expect(fleet.total).toBe(2);
    expect(fleet.items[0]).toMatchObject({ serverName: 'docker-host' });
    expect((await views.search({ limit: 10, offset: 0 })).items.map((c) => c.name)).toEqual(['c-a']);
    expect((await views.search({ q: 'c_', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('answers minute history with the open minute from memory, and hour history before and after the roll-up', async () => {
    const history = hub.app.get(ContainerHistoryService);
    const id = containerId('a');
    const minute = await history.query(
      serverId,
      id,
      { resolution: 'minute', from: new Date(H), to: new Date(now) },
      now,
    );
    expect(minute.points.map((p) => [p.t, p.cpuPercent, p.cpuPercentMax, p.running])).toEqual([
      [H, 20, 30, 1],
      [H + MIN, 50, 50, 1],
    ]);
    const early = await history.query(
      serverId,
      id,
      { resolution: 'hour', from: new Date(H), to: new Date(now) },
      now,
    );
    expect(early.points).toEqual([expect.objectContaining({ t: H, cpuPercent: 20 })]);

    now = H + HOUR + 10_000;
    await writer.flushMinutes();
    const hours = await ds.getRepository(ContainerHour).find();
    expect(hours.find((h) => h.cpuMax === 5000)).toMatchObject({
      hour: H / HOUR,
      n: 3,
      running: 3,
      cpu: 3000,
    });
    const late = await history.query(
      serverId,
      id,
      { resolution: 'hour', from: new Date(H), to: new Date(now) },
      now,
    );
    expect(late.points).toEqual([
      expect.objectContaining({
        t: H,
        cpuPercent: 30,
        cpuPercentMax: 50,
        memoryUsageBytesMax: 100 * 1024 * 1024,
      }),
    ]);
    await expect(history.query(serverId, containerId('nope'), { resolution: 'auto' }, now)).rejects.toThrow(
      /not found/,
    );
  });

  it('stores events and lists them newest first, by server and fleet-wide', async () => {
    const ev = (action: 'start' | 'die', at: number, exitCode?: number) =>
      events.emit('agent.docker-event', {
        serverId,
        payload: {
          containerId: containerId('b'),
          containerName: 'c-b',
          image: 'hivewatch/test:1',
          action,
          at,
          exitCode,
        },
        receivedAt: now,
        clockOffsetMs: 0,
      });
    ev('start', now - 2000);
    ev('die', now - 1000, 137);
    await writer.flushRows();
    const list = await hub.app.get(DockerEventsService).list({ limit: 10 }, serverId);
    expect(list.items.map((e) => [e.action, e.exitCode])).toEqual([
      ['die', 137],
      ['start', null],
    ]);
    const dies = await hub.app.get(DockerEventsService).list({ limit: 10, action: 'die' });
    expect(dies.items).toHaveLength(1);
  });

  it('follows the servers retention: old minutes, hours, events and removed containers go', async () => {
    const { minuteDays, hourlyDays } = hub.config.records.retention;
    now = H + (minuteDays + 1) * DAY;
    stats([makeContainer('a')], now);
    await writer.flushRows();
    await hub.app.get(RetentionService).enforce();
    expect(await ds.getRepository(ContainerMinute).count()).toBe(0);
    expect(await ds.getRepository(ContainerHour).count()).toBeGreaterThan(0);
    now = H + (hourlyDays + 1) * DAY;
    stats([makeContainer('a')], now);
    await writer.flushRows();
    await hub.app.get(RetentionService).enforce();
    expect(await ds.getRepository(ContainerHour).count()).toBe(0);
    expect(await ds.getRepository(DockerEventRow).count()).toBe(0);
    expect((await ds.getRepository(DockerContainer).find()).map((r) => r.name)).toEqual(['c-a']);
  });

  it('keeps at most the newest events of a server', async () => {
    const cap = hub.app.get(EventRetention);
    cap.perServerMax = 2;
    for (let i = 0; i < 4; i++)
      events.emit('agent.docker-event', {
        serverId,
        payload: {
          containerId: containerId('a'),
          containerName: 'c-a',
          image: null,
          action: 'start',
          at: now - 4 + i,
        },
        receivedAt: now,
        clockOffsetMs: 0,
      });
    await writer.flushRows();
    await hub.app.get(RetentionService).enforce();
    cap.perServerMax = EVENTS_PER_SERVER_MAX;
    const left = await ds.getRepository(DockerEventRow).find({ order: { at: 'ASC' } });
    expect(left.map((e) => e.at)).toEqual([now - 2, now - 1]);
  });

  it('ingests a docker-stats of 50 containers in well under a few ms', () => {
    if (dialect === 'postgres') return; // measured once: the ingest does not touch the database
    const ingest = hub.app.get(DockerIngest);
    const other = 'bench-server';
    const make = (i: number, cpu: number) => makeContainer(`bench-${i}`, { cpuPercent: cpu });
    let at = now;
    for (let round = 0; round < 50; round++)
      ingest.stats(
        other,
        { available: true, at, containers: Array.from({ length: 50 }, (_, i) => make(i, round)) },
        (at += 5000),
        0,
      );
    const rounds = 2000;
    const listings = Array.from({ length: rounds }, (_, r) =>
      Array.from({ length: 50 }, (_, i) => make(i, r % 100)),
    );
    const start = process.cpuUsage();
    for (const containers of listings)
      ingest.stats(other, { available: true, at, containers }, (at += 5000), 0);
    const used = process.cpuUsage(start);
    const perStatsMs = (used.user + used.system) / 1000 / rounds;
    process.stdout.write(`docker-stats ingest, 50 containers: ${perStatsMs.toFixed(3)} ms CPU each\n`);
    expect(perStatsMs).toBeLessThan(5);
  });

  it('writes the minutes of that server in batches: cost and size per container-minute', async () => {
    if (dialect === 'postgres') return;
    now += 2 * DAY;
    const flushStart = process.cpuUsage();
    const t0 = performance.now();
    const rows = await writer.flushMinutes();
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(flushStart);
    const [size] = await ds.query<{ bytes: number }[]>(
      `SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name = 'docker_container_minutes'`,
    );
    const count = await ds.getRepository(ContainerMinute).count();
    process.stdout.write(
      `container minutes: ${rows} rows flushed in ${wallMs.toFixed(0)} ms wall, ` +
        `${((used.user + used.system) / 1000 / rows).toFixed(3)} ms CPU per row; ` +
        `${(size!.bytes / count).toFixed(1)} bytes per stored row (${count} rows)\n`,
    );
    expect(rows).toBeGreaterThan(5000);
  });

  it("deletes a deleted server's containers, figures and events", async () => {
    stats([makeContainer('z')], now);
    await writer.flushMinutes(true);
    expect(await ds.getRepository(DockerContainer).countBy({ serverId })).toBeGreaterThan(0);
    events.emit('server.deleted', { serverId });
    const left = async () =>
      (await ds.getRepository(DockerContainer).countBy({ serverId })) +
      (await ds.getRepository(DockerEventRow).countBy({ serverId }));
    const deadline = Date.now() + 5_000;
    while ((await left()) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await left()).toBe(0);
  });
});
