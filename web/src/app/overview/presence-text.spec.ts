import { serverState } from '../testing/server-state';
import { figuresAreStale, offlineText, shortTime } from './presence-text';

describe('card presence text', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('counts an offline server from its persisted offline time', () => {
    const s = {
      ...serverState({ id: 'a', name: 'a', online: false }),
      lastSeenAt: '2026-03-01T11:51:30Z',
      offlineSince: '2026-03-01T11:52:00Z',
    };
    expect(offlineText(s, now)).toBe(`Offline since ${shortTime('2026-03-01T11:52:00Z', now)} (for 8m 0s)`);
  });

  it('falls back to the last contact, and says nothing for online or never-seen servers', () => {
    const seen = {
      ...serverState({ id: 'a', name: 'a', online: false }),
      lastSeenAt: '2026-03-01T10:00:00Z',
    };
    expect(offlineText({ ...seen, offlineSince: null }, now)).toContain('(for 2h 0m)');
    expect(offlineText(serverState({ id: 'b', name: 'b' }), now)).toBeNull();
    expect(offlineText({ ...seen, lastSeenAt: null, offlineSince: null }, now)).toBeNull();
  });

  it('shows the date only for another day', () => {
    expect(shortTime('2026-02-27T08:00:00Z', now)).toMatch(/27|Feb/);
    expect(shortTime('2026-03-01T11:00:00Z', now)).not.toMatch(/Mar/);
  });

  it('treats figures of offline or paused servers as not current', () => {
    expect(figuresAreStale(serverState({ id: 'a', name: 'a' }))).toBe(false);
    expect(figuresAreStale(serverState({ id: 'a', name: 'a', online: false }))).toBe(true);
    expect(figuresAreStale({ ...serverState({ id: 'a', name: 'a' }), metricsPaused: true })).toBe(true);
  });
});
