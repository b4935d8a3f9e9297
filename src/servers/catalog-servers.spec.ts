import type { ServerApiView } from './dto/server.dto.js';
import { CatalogServers } from './catalog-servers.js';

function server(id: string, name: string, displayOrder = 0): ServerApiView {
  return { id, name, displayOrder, groupId: null, tags: [] } as unknown as ServerApiView;
}

describe('CatalogServers', () => {
  it('does not bring back a server deleted while a full read was running', () => {
    const servers = new CatalogServers();
    servers.replaceAll([server('a', 'alpha'), server('b', 'beta')], servers.beginRead());
    const since = servers.beginRead();
    servers.applyCommitted([], ['a']);
    const change = servers.replaceAll([server('a', 'alpha'), server('b', 'beta')], since);
    expect(servers.get('a')).toBeUndefined();
    expect(change).toEqual({ changed: [], removed: [] });
  });

  it('keeps a change committed while a read was running over the older row it read', () => {
    const servers = new CatalogServers();
    servers.replaceAll([server('a', 'alpha')], servers.beginRead());
    const since = servers.beginRead();
    servers.applyCommitted([server('a', 'renamed'), server('c', 'created')], []);
    servers.replaceAll([server('a', 'alpha')], since);
    expect(servers.get('a')?.name).toBe('renamed');
    expect(servers.get('c')?.name).toBe('created');
    expect(servers.replaceOne('a', server('a', 'alpha'), since)).toBeNull();
    expect(servers.get('a')?.name).toBe('renamed');
  });

  it('orders by display order, then name case-insensitively, then id', () => {
    const servers = new CatalogServers();
    servers.replaceAll(
      [server('2', 'beta'), server('1', 'Beta'), server('3', 'Alpha'), server('4', 'zulu', -1)],
      servers.beginRead(),
    );
    expect(servers.ordered().map((s) => s.id)).toEqual(['4', '3', '1', '2']);
  });
});
