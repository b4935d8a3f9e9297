import type { ServerState } from '@hivewatch/protocol';
import { DEFAULT_FILTER, allTags, countOnline, filterServers } from './overview-filter';
import { serverState } from '../testing/server-state';

const servers: ServerState[] = [
  serverState({ id: 'a', name: 'web-1', tags: ['prod', 'web'], groupId: 'g1', cpu: 80 }),
  serverState({ id: 'b', name: 'db-1', tags: ['prod'], groupId: null, cpu: 20, online: false }),
  serverState({ id: 'c', name: 'web-2', tags: ['staging'], groupId: 'g1', cpu: 50 }),
];

describe('overview filter', () => {
  it('searches names and tags, case-insensitively', () => {
    expect(filterServers(servers, { ...DEFAULT_FILTER, search: 'WEB' }).map((s) => s.id)).toEqual(['a', 'c']);
    expect(filterServers(servers, { ...DEFAULT_FILTER, search: 'staging' }).map((s) => s.id)).toEqual(['c']);
  });

  it('filters by group, "no group", tag and online state', () => {
    expect(filterServers(servers, { ...DEFAULT_FILTER, groupId: 'g1' }).map((s) => s.id)).toEqual(['a', 'c']);
    expect(filterServers(servers, { ...DEFAULT_FILTER, groupId: 'none' }).map((s) => s.id)).toEqual(['b']);
    expect(filterServers(servers, { ...DEFAULT_FILTER, tag: 'prod' }).map((s) => s.id)).toEqual(['b', 'a']);
    expect(filterServers(servers, { ...DEFAULT_FILTER, online: 'offline' }).map((s) => s.id)).toEqual(['b']);
  });

  it('sorts by a metric, descending, with the name breaking ties', () => {
    const sorted = filterServers(servers, { ...DEFAULT_FILTER, sort: 'cpu', descending: true });
    expect(sorted.map((s) => s.id)).toEqual(['a', 'c', 'b']);
    expect(filterServers(servers, { ...DEFAULT_FILTER, sort: 'status' }).map((s) => s.id)).toEqual([
      'a',
      'c',
      'b',
    ]);
  });

  it('counts online and offline servers and lists tags', () => {
    expect(countOnline(servers)).toEqual({ online: 2, offline: 1 });
    expect(allTags(servers)).toEqual(['prod', 'staging', 'web']);
  });
});
