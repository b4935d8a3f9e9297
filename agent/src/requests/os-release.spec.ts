import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { fixturePath } from '../collectors/fixtures.spec-helper.js';
import { distribution, parseOsRelease, readDistribution } from './os-release.js';
import { serverInfo } from './server-info.js';

const osRelease = (name: string) => fixturePath('os-release', name);
const fromFixture = (name: string) => distribution(parseOsRelease(readFileSync(osRelease(name), 'utf8')));

describe('os-release', () => {
  it('names the distribution and its version so that together they read as PRETTY_NAME', () => {
    expect(fromFixture('debian-12')).toEqual({ name: 'Debian GNU/Linux', version: '12 (bookworm)' });
    expect(fromFixture('ubuntu-24.04')).toEqual({ name: 'Ubuntu', version: '24.04.1 LTS' });
    expect(fromFixture('alpine-3.20')).toEqual({ name: 'Alpine Linux', version: 'v3.20' });
  });

  it('reads shell quoting, skips comments and malformed lines', () => {
    const fields = parseOsRelease(readFileSync(osRelease('odd-quoting'), 'utf8'));
    expect(fields.get('NAME')).toBe('Example OS');
    expect(fields.get('PRETTY_NAME')).toBe('Example "Edge" OS $release \\ 7');
    expect(fields.get('VERSION_ID')).toBe('7');
    expect(fields.size).toBe(3);
    // PRETTY_NAME does not start with NAME: it is shown whole
    expect(distribution(fields)).toEqual({ name: 'Example "Edge" OS $release \\ 7', version: null });
  });

  it('falls back to VERSION, to PRETTY_NAME alone, and to nothing', () => {
    expect(distribution(new Map([['NAME', 'Arch Linux']]))).toEqual({ name: 'Arch Linux', version: null });
    expect(
      distribution(
        new Map([
          ['NAME', 'Fedora Linux'],
          ['VERSION', '41 (Server Edition)'],
        ]),
      ),
    ).toEqual({ name: 'Fedora Linux', version: '41 (Server Edition)' });
    expect(
      distribution(
        new Map([
          ['NAME', 'NixOS'],
          ['PRETTY_NAME', 'Vicuna 24.11'],
        ]),
      ),
    ).toEqual({ name: 'Vicuna 24.11', version: null });
    expect(distribution(new Map([['PRETTY_NAME', 'Only Pretty 1']]))).toEqual({
      name: 'Only Pretty 1',
      version: null,
    });
    expect(distribution(new Map())).toBeNull();
  });

  it('reads the first file that exists, like /etc then /usr/lib', () => {
    expect(readDistribution([osRelease('missing'), osRelease('alpine-3.20')])).toEqual({
      name: 'Alpine Linux',
      version: 'v3.20',
    });
    expect(readDistribution([osRelease('missing')])).toBeNull();
  });

  it('answers get-server-info with the distribution as os/osVersion and the kernel apart', () => {
    const info = serverInfo('/proc', [osRelease('debian-12')]);
    expect(info).toMatchObject({ os: 'Debian GNU/Linux', osVersion: '12 (bookworm)' });
    expect(info.kernel).toMatch(/^\d+\.\d+/);
    expect(info.osVersion).not.toContain('#');
    expect(serverInfo('/proc', [osRelease('missing')])).toMatchObject({ os: 'Linux', osVersion: null });
  });
});
