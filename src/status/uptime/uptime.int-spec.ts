import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { HubEvents } from '../../common/events/hub-events.js';
import { ServerOutage } from '../entities/server-outage.entity.js';
import { STATUS_ENTITIES } from '../entities/index.js';
import { OutageRecorder } from './outage-recorder.js';
import { DAY_MS, dayStart, overallUptime, uptimeDays } from './uptime.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const TODAY = dayStart(NOW);

describe('uptime bars', () => {
  it('counts outage time per UTC day, splits one across midnight, ends an open one now', () => {
    const days = uptimeDays({
      now: NOW,
      days: 3,
      observedFrom: TODAY - 10 * DAY_MS,
      outages: [
        { start: TODAY - DAY_MS - 3600_000, end: TODAY - DAY_MS + 3600_000 }, // 1 h each side of a midnight
        { start: NOW - 600_000, end: NOW }, // still open
      ],
      maintenance: [],
    });
    expect(days.map((d) => d.date)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
    expect(days.map((d) => d.downSeconds)).toEqual([3600, 3600, 600]);
    expect(days[0]!.uptimePercent).toBeCloseTo((23 / 24) * 100, 2);
    // today is observed for 12 h so far: 10 min of it down
    expect(days[2]!.uptimePercent).toBeCloseTo((1 - 600 / 43_200) * 100, 2);
  });

  it('has no figure before the server existed, and counts the first day from its creation', () => {
    const days = uptimeDays({
      now: NOW,
      days: 3,
      observedFrom: TODAY - DAY_MS / 2, // yesterday noon
      outages: [{ start: TODAY - DAY_MS / 4, end: TODAY }],
      maintenance: [],
    });
    expect(days.map((d) => d.uptimePercent)).toEqual([null, 50, 100]);
    expect(overallUptime(days)).toBe(75);
  });

  it('does not count downtime inside a maintenance window', () => {
    const [day] = uptimeDays({
      now: TODAY,
      days: 1,
      observedFrom: 0,
      outages: [{ start: TODAY - 7200_000, end: TODAY - 3600_000 }],
      maintenance: [{ start: TODAY - 7200_000 - 60_000, end: TODAY - 5400_000 }],
    }).slice(-1);
    // `now` at midnight: today has no observed part; look at yesterday instead
    expect(day!.uptimePercent).toBeNull();
    const [yesterday] = uptimeDays({
      now: TODAY + 1,
      days: 2,
      observedFrom: 0,
      outages: [{ start: TODAY - 7200_000, end: TODAY - 3600_000 }],
      maintenance: [{ start: TODAY - 7200_000 - 60_000, end: TODAY - 5400_000 }],
    });
    expect(yesterday!.downSeconds).toBe(1800);
    expect(yesterday!.maintenanceSeconds).toBe(1860);
  });
});

describe('outage recorder (real SQLite)', () => {
  let ds: DataSource;
  let events: HubEvents;
  let recorder: OutageRecorder;

  beforeAll(async () => {
    ds = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: STATUS_ENTITIES,
      synchronize: true,
    }).initialize();
    events = new HubEvents();
    recorder = new OutageRecorder(ds.getRepository(ServerOutage), events);
    recorder.onModuleInit();
  });
  afterAll(async () => {
    await recorder.onModuleDestroy();
    await ds.destroy();
  });

  it('opens an outage on offline, closes it on online, once, and the bars follow', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    events.emit('server.offline', { serverId: id, at: NOW - 3600_000, reason: 'timeout' });
    events.emit('server.offline', { serverId: id, at: NOW - 1800_000, reason: 'disconnected' });
    events.emit('server.online', { serverId: id, at: NOW - 1200_000 });
    events.emit('server.online', { serverId: id, at: NOW - 600_000 });
    await recorder.settled();
    const rows = await ds.getRepository(ServerOutage).findBy({ serverId: id });
    expect(rows.map((r) => [r.startedAt.getTime(), r.endedAt?.getTime()])).toEqual([
      [NOW - 3600_000, NOW - 1200_000],
    ]);
    const [today] = uptimeDays({
      now: NOW,
      days: 1,
      observedFrom: 0,
      outages: rows.map((r) => ({ start: r.startedAt.getTime(), end: r.endedAt?.getTime() ?? NOW })),
      maintenance: [],
    });
    expect(today!.downSeconds).toBe(2400);
  });
});
