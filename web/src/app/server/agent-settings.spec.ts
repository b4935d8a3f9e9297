import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DEFAULT_METRICS_INTERVAL_SECONDS } from '@hivewatch/protocol';
import type { AppliedAgentConfig } from '../core/hub-types';
import { AgentSettings, parseAgentSettings } from './agent-settings';

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
    const zero = parseAgentSettings('0', '');
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.problems.join(' ')).toMatch(/Pause metrics/);
    const bad = parseAgentSettings('5', 'nginx;rm');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.join(' ')).toMatch(/service name/);
  });
});

describe('pausing metrics', () => {
  it('sends the protocol pause (interval 0) only when the switch says so', () => {
    expect(parseAgentSettings('30', 'nginx', true)).toEqual({
      ok: true,
      value: { metricsInterval: 0, watchlist: ['nginx'] },
    });
    expect(parseAgentSettings('30', 'nginx', false)).toEqual({
      ok: true,
      value: { metricsInterval: 30, watchlist: ['nginx'] },
    });
  });
});

describe('AgentSettings form', () => {
  async function settle(fixture: { detectChanges(): void }): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 0));
      fixture.detectChanges();
    }
  }

  async function render(agentConfig: AppliedAgentConfig) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(AgentSettings);
    fixture.componentRef.setInput('serverId', 's1');
    fixture.componentRef.setInput('watched', ['sshd']);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/servers/s1').flush({ id: 's1', name: 'web-1', agentConfig });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      http,
      el,
      interval: el.querySelector<HTMLInputElement>('input[name=interval]')!,
      watchlist: el.querySelector<HTMLTextAreaElement>('textarea[name=watchlist]')!,
      hint: () => el.querySelector('[data-testid=applied]')!.textContent.trim(),
    };
  }

  it('starts from the settings the hub last applied', async () => {
    const appliedAt = '2026-03-01T10:00:00.000Z';
    const { interval, watchlist, hint } = await render({
      metricsInterval: 30,
      watchlist: ['nginx', 'cron'],
      appliedAt,
    });
    expect(interval.value).toBe('30');
    expect(watchlist.value).toBe('nginx, cron');
    expect(hint()).toBe(`Last applied ${new Date(appliedAt).toLocaleString()}.`);
  });

  it('falls back to the defaults, and says so, when nothing was applied from the console', async () => {
    const { interval, watchlist, hint } = await render(null);
    expect(interval.value).toBe(String(DEFAULT_METRICS_INTERVAL_SECONDS));
    expect(watchlist.value).toBe('sshd');
    expect(hint()).toContain('Not set from the console yet');
  });

  it('reads the stored settings again after a save', async () => {
    const { fixture, http, el, interval, hint } = await render(null);
    interval.value = '15';
    interval.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    const put = http.expectOne('/api/v1/servers/s1/agent-config');
    expect(put.request.body).toEqual({ metricsInterval: 15, watchlist: ['sshd'] });
    put.flush({ status: 'ok' });
    await settle(fixture);
    http.expectOne('/api/v1/servers/s1').flush({
      id: 's1',
      agentConfig: { metricsInterval: 15, watchlist: ['sshd'], appliedAt: '2026-03-01T10:05:00.000Z' },
    });
    await settle(fixture);
    expect(interval.value).toBe('15');
    expect(hint()).toContain('Last applied');
  });

  it('shows a paused agent as paused, with the interval field off, and resumes at the default', async () => {
    const { fixture, http, el, interval } = await render({
      metricsInterval: 0,
      watchlist: [],
      appliedAt: '2026-03-01T10:00:00.000Z',
    });
    const pause = el.querySelector<HTMLInputElement>('input[name=paused]')!;
    expect(pause.checked).toBe(true);
    expect(interval.disabled).toBe(true);
    expect(interval.value).toBe(String(DEFAULT_METRICS_INTERVAL_SECONDS));
    expect(el.textContent).not.toContain('agent default');
    pause.click();
    await settle(fixture);
    expect(interval.disabled).toBe(false);
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    const put = http.expectOne('/api/v1/servers/s1/agent-config');
    expect(put.request.body).toEqual({ metricsInterval: DEFAULT_METRICS_INTERVAL_SECONDS, watchlist: [] });
  });
});
