import type { ServerInfo } from '@hivewatch/protocol';
import { serverState } from '../testing/server-state';
import { serverFacts } from './server-facts';

/** `get-server-info` exactly as the seed-002 agent answers it (/work/shared/seeds/002_*). */
const SEED_002_INFO: ServerInfo = {
  hostname: 'server-01',
  ipAddress: '192.168.1.5',
  os: 'Linux',
  osVersion: '#75-Ubuntu...',
  kernel: '5.15.0',
  architecture: 'x86_64',
  cpuModel: 'Intel...',
  cpuCores: 4,
  cpuThreads: 8,
};

const os = (rows: [string, string][]) => rows.find(([k]) => k === 'OS')?.[1];

describe('serverFacts', () => {
  it("shows the hub's OS display name only, never the agent's kernel build string", () => {
    const state = { ...serverState({ id: 'a', name: 'old-agent' }), os: 'Linux' };
    const rows = serverFacts(state, SEED_002_INFO);
    expect(os(rows)).toBe('Linux');
    expect(rows.map(([, v]) => v).join(' ')).not.toContain('#75');
    expect(rows).toContainEqual(['Kernel', '5.15.0']);
  });

  it("shows the distribution's pretty name the hub made, with or without a live answer", () => {
    const state = {
      ...serverState({ id: 'b', name: 'debian', online: false }),
      os: 'Debian GNU/Linux 12 (bookworm)',
    };
    const live = { ...SEED_002_INFO, os: 'Debian GNU/Linux', osVersion: '12 (bookworm)' };
    expect(os(serverFacts(state, live))).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(os(serverFacts(state, undefined))).toBe('Debian GNU/Linux 12 (bookworm)');
  });

  it('leaves the OS row out when the hub does not know it (seed-001 agents send no host facts)', () => {
    const state = { ...serverState({ id: 'c', name: 'simple' }), os: null };
    expect(os(serverFacts(state, undefined))).toBeUndefined();
    expect(os(serverFacts(state, SEED_002_INFO))).toBeUndefined();
  });
});
