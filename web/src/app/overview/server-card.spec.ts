import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ServerState } from '@hivewatch/protocol';
import { serverState } from '../testing/server-state';
import { ServerCard } from './server-card';

const NOW = Date.parse('2026-01-01T00:10:00.000Z');
const LAST_SEEN = '2026-01-01T00:00:00.000Z';

/** What the hub sends for a server that went away while it ran (the live sample's summary). */
const wentAway: ServerState = {
  ...serverState({ id: 'a', name: 'alpha', online: false, cpu: 42.5 }),
  lastSeenAt: LAST_SEEN,
  offlineSince: LAST_SEEN,
};
/** The same server after a hub restart: figures read back from the newest stored minute. */
const afterRestart: ServerState = {
  ...wentAway,
  metrics: {
    ...wentAway.metrics!,
    memoryUsedGB: null,
    memoryTotalGB: null,
    diskUsedGB: null,
    diskTotalGB: null,
    uptimeSeconds: null,
  },
};

async function render(state: ServerState) {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const fixture = TestBed.createComponent(ServerCard);
  fixture.componentRef.setInput('server', state);
  fixture.componentRef.setInput('now', NOW);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const text = (el: HTMLElement, selector: string) =>
  el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

describe('ServerCard offline', () => {
  it('shows the last figures after a hub restart, greyed and dated, like a server that went away', async () => {
    const el = await render(afterRestart);
    expect(el.querySelector('.server-card')?.classList).toContain('offline');
    expect(text(el, '.badge')).toBe('offline');
    expect(text(el, '[data-testid=offline-since]')).toMatch(/^Offline since .+ \(for 10m/);
    expect(el.querySelector('dl.metrics')?.classList).toContain('stale');
    expect(text(el, '[data-metric=cpu]')).toBe('42.5 %');
    expect(text(el, '[data-metric=disk]')).toBe('30.0 %');
    expect(text(el, '[data-metric=net-in]')).toContain('12.4');
    expect(text(el, '[data-testid=figures-as-of]')).toMatch(/^as of /);
    expect(el.querySelector('.bars')).toBeNull();
    expect(el.querySelector('[data-testid=no-figures]')).toBeNull();
  });

  it('renders the same card for figures read back from the records as for live ones', async () => {
    const structure = (el: HTMLElement) =>
      [...el.querySelectorAll('[data-metric], [data-testid], .stale, .offline')].map(
        (n) => `${n.className}|${n.getAttribute('data-metric') ?? n.getAttribute('data-testid') ?? ''}`,
      );
    const restarted = structure(await render(afterRestart));
    TestBed.resetTestingModule();
    expect(restarted).toEqual(structure(await render(wentAway)));
  });

  it('says plainly when nothing was recorded for an offline server', async () => {
    const el = await render({ ...wentAway, metrics: null });
    expect(text(el, '[data-testid=no-figures]')).toBe('No figures recorded for this server.');
    expect(el.querySelector('dl.metrics')).toBeNull();
    expect(text(el, '[data-testid=offline-since]')).toMatch(/^Offline since/);
  });

  it('says "never connected" for a server whose agent never came', async () => {
    const el = await render({ ...wentAway, lastSeenAt: null, offlineSince: null, metrics: null });
    expect(el.textContent).toContain('Agent never connected');
    expect(el.querySelector('[data-testid=no-figures]')).toBeNull();
  });
});
