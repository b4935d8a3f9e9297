import { describe, expect, it } from '@jest/globals';
import { serverInfoSchema } from '@hivewatch/protocol';
import { osDisplayName } from './os-display-name.js';

/** `get-server-info` data exactly as seed 002 documents it (/work/shared/seeds/002_*). */
const SEED_002_INFO = {
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

describe('the OS display name', () => {
  it("is the distribution's pretty name when the agent reads os-release (this repo's agent)", () => {
    const debian = { os: 'Debian GNU/Linux', osVersion: '12 (bookworm)', kernel: '6.1.0-28-amd64' };
    expect(osDisplayName(serverInfoSchema.parse({ hostname: 'h', ...debian }))).toBe(
      'Debian GNU/Linux 12 (bookworm)',
    );
    expect(osDisplayName({ os: 'Ubuntu', osVersion: '24.04.1 LTS', kernel: '6.8.0-45-generic' })).toBe(
      'Ubuntu 24.04.1 LTS',
    );
    // PRETTY_NAME not starting with NAME: the agent sends the whole pretty name and no version
    expect(osDisplayName({ os: 'Alpine Linux v3.20', osVersion: null, kernel: '6.6.31-0-lts' })).toBe(
      'Alpine Linux v3.20',
    );
  });

  it('never shows the kernel build a seed-002 agent sends as its version', () => {
    expect(osDisplayName(serverInfoSchema.parse(SEED_002_INFO))).toBe('Linux');
    for (const build of [
      '#1 SMP PREEMPT_DYNAMIC Debian 6.1.123-1 (2025-01-02)',
      '#75-Ubuntu SMP Tue Nov 7 13:20:45 UTC 2023',
      'SMP Debian 5.10.0',
      'Darwin Kernel Version 23.0.0: Fri Sep 15 14:41:43 PDT 2023',
    ]) {
      expect(osDisplayName({ ...SEED_002_INFO, osVersion: build })).toBe('Linux');
    }
    // the release repeated as a version is the kernel, not the OS
    expect(osDisplayName({ os: 'Linux', osVersion: '5.15.0', kernel: '5.15.0' })).toBe('Linux');
  });

  it('does not repeat a version the name already holds, and tidies whitespace', () => {
    expect(osDisplayName({ os: 'Debian GNU/Linux 12 (bookworm)', osVersion: '12 (bookworm)' })).toBe(
      'Debian GNU/Linux 12 (bookworm)',
    );
    expect(osDisplayName({ os: '  Rocky   Linux ', osVersion: ' 9.4 (Blue Onyx) ' })).toBe(
      'Rocky Linux 9.4 (Blue Onyx)',
    );
  });

  it('is null when the agent never said (seed-001 agents send no host facts), or said nothing usable', () => {
    expect(osDisplayName(null)).toBeNull();
    expect(osDisplayName({})).toBeNull();
    expect(osDisplayName({ os: '   ', osVersion: '12' })).toBeNull();
    expect(osDisplayName({ os: 42, osVersion: '12' })).toBeNull();
  });
});
