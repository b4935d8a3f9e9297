import { describe, expect, it } from '@jest/globals';
import { serverStateSchema } from '@hivewatch/protocol';
import { toServerState, type ServerMeta } from './server-state.mapper.js';

const meta = (capabilities: ServerMeta['capabilities']): ServerMeta => ({
  id: 'srv-1',
  name: 'web-1',
  groupId: null,
  tags: [],
  dialect: 'envelope',
  agentVersion: '2.0.0',
  protocolVersion: 2,
  capabilities,
  hostname: null,
  os: null,
  architecture: null,
  lastSeenAt: null,
});
const live = { online: true, lastSeenAt: 1_000, sample: undefined };
const counts = { running: 3, total: 5, unhealthy: 1 };

describe('server state: Docker engine and container counts', () => {
  it('shows the counts of the last docker-stats of an agent with the docker capability', () => {
    const state = toServerState(meta(['docker']), { ...live, docker: { available: true, counts } });
    expect(state).toMatchObject({ dockerAvailable: true, containers: counts });
    expect(serverStateSchema.safeParse(state).success).toBe(true);
  });

  it('has no counts while the engine cannot be reached, and nothing without the capability or stats', () => {
    expect(toServerState(meta(['docker']), { ...live, docker: { available: false, counts } })).toMatchObject({
      dockerAvailable: false,
      containers: null,
    });
    expect(toServerState(meta([]), { ...live, docker: { available: true, counts } })).toMatchObject({
      dockerAvailable: null,
      containers: null,
    });
    expect(toServerState(meta(['docker']), live)).toMatchObject({ dockerAvailable: null, containers: null });
  });
});
