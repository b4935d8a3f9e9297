import { describe, expect, it } from '@jest/globals';
import { conditionSchema, containerMatches, createRuleSchema } from '@hivewatch/protocol';

const ok = (c: Record<string, unknown>) => conditionSchema.safeParse({ kind: 'container', ...c }).success;

describe('container conditions: the rule schema', () => {
  it('accepts each check with its own fields', () => {
    expect(ok({ check: 'not-running' })).toBe(true);
    expect(ok({ container: 'web-*', check: 'unhealthy', durationSeconds: 60 })).toBe(true);
    expect(ok({ check: 'restarts', count: 3, windowMinutes: 10 })).toBe(true);
    expect(ok({ check: 'oom' })).toBe(true);
    expect(ok({ check: 'oom', windowMinutes: 30 })).toBe(true);
    expect(ok({ check: 'cpu', threshold: 250, durationSeconds: 300 })).toBe(true);
    expect(ok({ check: 'memory', operator: '>=', threshold: 90, unit: '%' })).toBe(true);
    expect(ok({ check: 'memory', threshold: 2, unit: 'GiB' })).toBe(true);
  });

  it.each([
    ['threshold on not-running', { check: 'not-running', threshold: 1 }],
    ['cpu without threshold', { check: 'cpu' }],
    ['restarts without count', { check: 'restarts', windowMinutes: 5 }],
    ['restarts without window', { check: 'restarts', count: 1 }],
    ['window over an hour', { check: 'oom', windowMinutes: 61 }],
    ['count on oom', { check: 'oom', count: 1 }],
    ['unit on cpu', { check: 'cpu', threshold: 1, unit: '%' }],
    ['% over 100', { check: 'memory', threshold: 150, unit: '%' }],
    ['negative threshold', { check: 'cpu', threshold: -1 }],
    ['unknown check', { check: 'paused' }],
    ['a pattern with a slash', { check: 'oom', container: '/web' }],
    ['a pattern with spaces', { check: 'oom', container: 'a b' }],
    ['an over-long name', { check: 'oom', container: 'a'.repeat(129) }],
    ['a duration over a day', { check: 'unhealthy', durationSeconds: 86_401 }],
  ])('refuses %s', (_what, c) => {
    expect(ok(c)).toBe(false);
  });

  it('is a rule condition like the others', () => {
    const parsed = createRuleSchema.parse({
      name: 'containers',
      conditions: [{ kind: 'container', container: 'db', check: 'not-running' }],
    });
    expect(parsed.conditions[0]).toEqual({
      kind: 'container',
      container: 'db',
      check: 'not-running',
      durationSeconds: 0,
    });
  });

  it('matches names exactly, or by * and ? patterns', () => {
    expect(containerMatches(undefined, 'anything')).toBe(true);
    expect(containerMatches('web', 'web')).toBe(true);
    expect(containerMatches('web', 'web-1')).toBe(false);
    expect(containerMatches('web-*', 'web-1')).toBe(true);
    expect(containerMatches('web-*', 'api-1')).toBe(false);
    expect(containerMatches('a.b', 'axb')).toBe(false);
    expect(containerMatches('db-?', 'db-1')).toBe(true);
    expect(containerMatches('db-?', 'db-12')).toBe(false);
  });
});
