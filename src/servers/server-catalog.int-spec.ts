import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { useTestApp } from '../../test/support/suite-app.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { HubEvents } from '../common/events/hub-events.js';
import { insertServer } from '../records/servers.test-helper.js';
import { EnrollmentKeysService } from './enrollment-keys.service.js';
import { EnrollmentService } from './enrollment.service.js';
import { GroupsService } from './groups.service.js';
import { ServerAgentState } from './server-agent-state.js';
import { ServerCatalog, type CatalogChange } from './server-catalog.js';
import { ServersService } from './servers.service.js';

const ctx: ActorContext = { actor: { via: 'system', name: 'int-spec' }, ip: '127.0.0.1' };

describe('ServerCatalog on a migrated SQLite database', () => {
  const app = useTestApp();
  const servers = () => app.get(ServersService);
  const groups = () => app.get(GroupsService);
  const catalog = () => app.get(ServerCatalog);
  const events = () => app.get(HubEvents);
  const names = () =>
    catalog()
      .list()
      .map((s) => s.name);

  it('shows a created server at once, in display order then name, with its tags', async () => {
    const { server: b } = await servers().create({ name: 'Beta', tags: ['web'] }, ctx);
    const { server: a } = await servers().create({ name: 'alpha', tags: ['web', 'db'] }, ctx);
    const { server: first } = await servers().create({ name: 'zulu' }, ctx);
    await servers().update(first.id, { displayOrder: -1 }, ctx);

    expect(catalog().exists(a.id)).toBe(true);
    expect(catalog().exists(b.id)).toBe(true);
    expect(names()).toEqual(['zulu', 'alpha', 'Beta']);
    expect(catalog().get(a.id)?.tags).toEqual(['db', 'web']);
    expect(catalog().tags()).toEqual([
      { tag: 'db', count: 1 },
      { tag: 'web', count: 2 },
    ]);
    const api = await servers().list({ sort: 'displayOrder', order: 'asc', limit: 100, offset: 0 });
    expect(api.items.map((s) => s.name)).toEqual(names());
  });

  it('reflects a rename and a tag change and announces them', async () => {
    const { server } = await servers().create({ name: 'rename-me', tags: ['old'] }, ctx);
    const changes: CatalogChange[] = [];
    const off = catalog().onChange((c) => changes.push(c));
    await servers().update(server.id, { name: 'renamed', tags: ['new', 'web'] }, ctx);
    off();

    expect(catalog().get(server.id)).toMatchObject({ name: 'renamed', tags: ['new', 'web'] });
    expect(
      catalog()
        .tags()
        .find((t) => t.tag === 'old'),
    ).toBeUndefined();
    expect(changes).toEqual([{ kind: 'servers', changed: [server.id], removed: [] }]);
  });

  it('shows a machine that enrolled itself at once', async () => {
    const { key } = await app.get(EnrollmentKeysService).create({ name: 'fleet', tags: ['auto'] }, ctx);
    const result = await app
      .get(EnrollmentService)
      .enroll({ key, hostname: 'node-9', machineId: 'm-9' }, null);
    if (!result.ok) throw new Error(`enrollment failed: ${result.reason}`);
    expect(catalog().get(result.server.id)).toMatchObject({ name: 'node-9', tags: ['auto'] });
  });

  it('follows groups: created, renamed, servers moved in, deleted (servers ungrouped)', async () => {
    const group = await groups().create({ name: 'europe' }, ctx);
    expect(
      catalog()
        .groups()
        .map((g) => g.name),
    ).toContain('europe');
    const { server } = await servers().create({ name: 'grouped', groupId: group.id }, ctx);
    expect(catalog().get(server.id)?.groupId).toBe(group.id);

    await groups().update(group.id, { name: 'eu-west' }, ctx);
    expect(
      catalog()
        .groups()
        .find((g) => g.id === group.id)?.name,
    ).toBe('eu-west');

    await groups().remove(group.id, ctx);
    expect(
      catalog()
        .groups()
        .find((g) => g.id === group.id),
    ).toBeUndefined();
    expect(catalog().get(server.id)?.groupId).toBeNull();
  });

  it('never shows a deleted server again, not even after a full re-read', async () => {
    const { server } = await servers().create({ name: 'doomed' }, ctx);
    await servers().remove(server.id, ctx);

    expect(catalog().exists(server.id)).toBe(false);
    expect(names()).not.toContain('doomed');
    await expect(catalog().assertExists(server.id)).rejects.toThrow(`server ${server.id} not found`);
    await catalog().refresh(true);
    expect(catalog().exists(server.id)).toBe(false);
  });

  it('finds a row written outside the servers API when it is asked for', async () => {
    const id = await insertServer(app.get(DataSource), 'inserted-directly');
    expect(catalog().exists(id)).toBe(false);
    await expect(catalog().assertExists(id)).resolves.toBeUndefined();
    expect(catalog().exists(id)).toBe(true);
    await expect(catalog().assertExists('00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      'server 00000000-0000-4000-8000-000000000000 not found',
    );
  });

  it('re-reads one server when its agent settings are recorded', async () => {
    const { server } = await servers().create({ name: 'configured' }, ctx);
    await app.get(ServerAgentState).recordAgentConfig(server.id, { metricsInterval: 10, watchlist: [] });
    await waitFor(() => catalog().get(server.id)?.agentConfig !== null);
    expect(catalog().get(server.id)?.agentConfig?.metricsInterval).toBe(10);
  });

  it('tracks presence from the agent events', async () => {
    const { server } = await servers().create({ name: 'present' }, ctx);
    expect(catalog().isOnline(server.id)).toBe(false);
    expect(catalog().offlineSince(server.id)).toBeNull();
    events().emit('server.online', { serverId: server.id, at: 1_000 });
    expect(catalog().isOnline(server.id)).toBe(true);
    events().emit('server.offline', { serverId: server.id, at: 2_000, reason: 'timeout' });
    expect(catalog().isOnline(server.id)).toBe(false);
    expect(catalog().offlineSince(server.id)).toBe(2_000);
    events().emit('server.online', { serverId: server.id, at: 3_000 });
    expect(catalog().offlineSince(server.id)).toBeNull();
  });
});

async function waitFor(done: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
