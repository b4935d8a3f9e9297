import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { useTestApp } from '../../test/support/suite-app.js';
import { HubEvents } from '../common/events/hub-events.js';
import { insertServer } from '../records/servers.test-helper.js';
import { ServerAgentState } from './server-agent-state.js';
import { ServerAnswers } from './server-answers.js';
import { ServerCatalog } from './server-catalog.js';
import { ServersService } from './servers.service.js';

describe('server presence (catalog + REST answers) on a migrated SQLite database', () => {
  const app = useTestApp();
  const catalog = () => app.get(ServerCatalog);
  const answer = async (id: string) => app.get(ServerAnswers).one(await app.get(ServersService).get(id));

  it('counts a server not back since the hub started as offline from its stored last contact', async () => {
    const id = await insertServer(app.get(DataSource), 'gone-before-restart');
    const seen = Date.parse('2026-03-01T11:52:00Z');
    await app.get(ServerAgentState).recordLastSeen([{ serverId: id, at: seen }]);
    await catalog().refresh(true);

    expect(catalog().presence(id)).toEqual({ online: false, lastSeenAt: seen, offlineSince: seen });
    await expect(answer(id)).resolves.toMatchObject({
      online: false,
      lastSeenAt: new Date(seen),
      offlineSince: new Date(seen),
    });
  });

  it('answers a never-connected server as offline with no times', async () => {
    const id = await insertServer(app.get(DataSource), 'never-connected');
    await catalog().refresh(true);
    await expect(answer(id)).resolves.toMatchObject({ online: false, lastSeenAt: null, offlineSince: null });
  });

  it('shows an online server as online with its live last contact, not the stored one', async () => {
    const id = await insertServer(app.get(DataSource), 'online-now');
    await catalog().refresh(true);
    app.get(HubEvents).emit('server.online', { serverId: id, at: 5_000 });
    expect(await answer(id)).toMatchObject({ online: true, lastSeenAt: new Date(5_000), offlineSince: null });
    catalog().noteSeen(id, 9_000);
    catalog().noteSeen(id, 7_000); // older news never moves it back
    expect(await answer(id)).toMatchObject({ online: true, lastSeenAt: new Date(9_000) });

    app.get(HubEvents).emit('server.offline', { serverId: id, at: 40_000, reason: 'timeout' });
    expect(catalog().presence(id)).toEqual({ online: false, lastSeenAt: 9_000, offlineSince: 40_000 });
  });
});
