import { describe, expect, it } from '@jest/globals';
import { fixtureText } from './fixtures.spec-helper.js';
import { parseUptime } from './uptime.js';

describe('parseUptime', () => {
  it('returns whole seconds since boot', () => {
    const recorded = fixtureText('vm-host/proc/uptime');
    expect(parseUptime(recorded)).toBe(Math.floor(Number(recorded.split(' ')[0])));
    expect(parseUptime('12.99 1.00\n')).toBe(12);
    expect(parseUptime('')).toBe(0);
  });
});
