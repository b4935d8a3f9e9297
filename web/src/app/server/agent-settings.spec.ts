import { parseAgentSettings } from './agent-settings';

describe('agent settings validation (the protocol schema)', () => {
  it('accepts an interval in range and a watchlist of service names', () => {
    expect(parseAgentSettings('10', 'nginx, postgresql.service  cron')).toEqual({
      ok: true,
      value: { metricsInterval: 10, watchlist: ['nginx', 'postgresql.service', 'cron'] },
    });
  });

  it('refuses intervals out of range or fractional, and bad service names', () => {
    expect(parseAgentSettings('4000', '').ok).toBe(false);
    expect(parseAgentSettings('2.5', '').ok).toBe(false);
    expect(parseAgentSettings('', '').ok).toBe(false);
    const bad = parseAgentSettings('5', 'nginx;rm');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.join(' ')).toMatch(/service name/);
  });
});
