import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { agentDownloadSchema } from '@hivewatch/protocol';
import { InstallScript } from './install-script.js';

const packaging = path.resolve('agent/packaging');

describe('install-agent.sh as served', () => {
  it('fills in the hub, the configuration code, the unit and the rule, and is valid sh', async () => {
    const script = await new InstallScript(packaging).render('https://hub.example.com/$&');
    expect(script).toContain('hub="${HIVEWATCH_HUB_URL:-https://hub.example.com/$&}"');
    expect(script).not.toMatch(/@HIVEWATCH_[A-Z_]+@/);
    for (const file of ['configure-agent.sh', 'hivewatch-agent.service', 'hivewatch-agent.rules'])
      expect(script).toContain(fs.readFileSync(path.join(packaging, file), 'utf8').trimEnd());
    expect(spawnSync('sh', ['-n'], { input: script }).status).toBe(0);
  });
});

describe('agent download names', () => {
  it('reads the platform, the .deb and the .sha256 suffixes', () => {
    expect(agentDownloadSchema.parse('linux-x64')).toEqual({
      platform: 'linux-x64',
      kind: 'executable',
      checksum: false,
    });
    expect(agentDownloadSchema.parse('linux-arm64.deb.sha256')).toEqual({
      platform: 'linux-arm64',
      kind: 'deb',
      checksum: true,
    });
    expect(agentDownloadSchema.parse('linux-x64.sha256').checksum).toBe(true);
  });

  it('refuses anything else, naming the known platforms', () => {
    for (const name of [
      'windows-x64',
      'linux-x64.exe',
      '../linux-x64',
      'linux-x64.sha256.deb',
      '',
      'x'.repeat(65),
    ]) {
      const result = agentDownloadSchema.safeParse(name);
      expect(result.success).toBe(false);
    }
    expect(agentDownloadSchema.safeParse('linux-x86').error?.issues[0]?.message).toContain(
      'known: linux-x64, linux-arm64',
    );
  });
});
