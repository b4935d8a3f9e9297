import { NotFoundException } from '@nestjs/common';
import { HubEvents } from '../common/events/hub-events.js';
import type { AppConfig } from '../config/app-config.js';
import type { ServerView } from '../servers/dto/server.dto.js';
import type { GroupsService } from '../servers/groups.service.js';
import { ServerCatalog } from '../servers/server-catalog.js';
import type { ServersService } from '../servers/servers.service.js';
import { ServerDirectory, type DirectoryChange } from './server-directory.js';

function view(id: string, name: string, hostname: string | null = null): ServerView {
  return {
    id,
    name,
    groupId: null,
    tags: [],
    notes: '',
    tokenPrefix: 'p',
    tokenRotatedAt: new Date(0),
    enrollmentKeyId: null,
    dialect: 'envelope',
    agentVersion: null,
    protocolVersion: null,
    capabilities: null,
    systemInfo: hostname ? { hostname } : null,
    os: null,
    price: null,
    currency: null,
    billingCycle: null,
    expiresAt: null,
    displayOrder: 0,
    lastSeenAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

/** A server table behind the directory, counting how often the whole list and one row are read. */
class FakeServers {
  rows = new Map<string, ServerView>();
  listCalls = 0;
  getCalls = 0;

  listFingerprint(): Promise<string> {
    return Promise.resolve(`${this.rows.size}|0`);
  }

  list(): Promise<{ items: ServerView[]; total: number }> {
    this.listCalls++;
    return Promise.resolve({ items: [...this.rows.values()], total: this.rows.size });
  }

  get(id: string): Promise<ServerView> {
    this.getCalls++;
    const row = this.rows.get(id);
    return row ? Promise.resolve(row) : Promise.reject(new NotFoundException());
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ServerDirectory', () => {
  let servers: FakeServers;
  let events: HubEvents;
  let catalog: ServerCatalog;
  let directory: ServerDirectory;
  let changes: DirectoryChange[];

  beforeEach(async () => {
    servers = new FakeServers();
    servers.rows.set('a', view('a', 'alpha'));
    servers.rows.set('b', view('b', 'beta'));
    events = new HubEvents();
    const config = { live: { serversRefreshMs: 3_600_000 } } as AppConfig;
    const groups = { list: () => Promise.resolve([]) } as unknown as GroupsService;
    catalog = new ServerCatalog(servers as unknown as ServersService, groups, events, config);
    await catalog.onModuleInit();
    directory = new ServerDirectory(catalog);
    directory.onModuleInit();
    await directory.refresh();
    changes = [];
    directory.onChange((c) => changes.push(c));
  });

  afterEach(() => {
    directory.onModuleDestroy();
    catalog.onModuleDestroy();
  });

  it('re-reads only the updated server on server.updated, not the whole list', async () => {
    const listsBefore = servers.listCalls;
    servers.rows.set('b', view('b', 'beta', 'host-b'));
    events.emit('server.updated', { serverId: 'b' });
    await flush();
    expect(servers.listCalls).toBe(listsBefore);
    expect(servers.getCalls).toBe(1);
    expect(directory.get('b')?.hostname).toBe('host-b');
    expect(changes).toEqual([{ kind: 'servers', changed: ['b'], removed: [] }]);
    expect([...directory.all()].map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('announces nothing when the re-read server did not change', async () => {
    events.emit('server.updated', { serverId: 'a' });
    await flush();
    expect(changes).toEqual([]);
  });

  it('drops a server that is gone when it is re-read', async () => {
    servers.rows.delete('a');
    events.emit('server.updated', { serverId: 'a' });
    await flush();
    expect(directory.get('a')).toBeUndefined();
    expect(changes).toEqual([{ kind: 'servers', changed: [], removed: ['a'] }]);
  });
});
