import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ServicesTab } from './services-tab';

/** Lets promises and timers run, then renders (whenStable would wait for the pending agent request). */
async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

describe('ServicesTab', () => {
  async function setup(canRestart: boolean) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(ServicesTab);
    fixture.componentRef.setInput('serverId', 's1');
    fixture.componentRef.setInput('canRestart', canRestart);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/servers/s1/services').flush([
      { name: 'nginx', activeState: 'active', subState: 'running' },
      { name: 'cron', activeState: 'failed', subState: 'failed' },
    ]);
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('lists services with their states', async () => {
    const { el } = await setup(false);
    expect(el.querySelector('[data-service=nginx]')?.textContent).toContain('active');
    expect(el.querySelector('[data-service=cron]')?.textContent).toContain('failed');
    expect(el.querySelector('[aria-label="Restart nginx"]')).toBeNull();
  });

  it('restarts only after confirmation', async () => {
    const { fixture, el, http } = await setup(true);
    el.querySelector<HTMLButtonElement>('[aria-label="Restart nginx"]')!.click();
    await settle(fixture);
    http.expectNone('/api/v1/servers/s1/services/nginx/restart');
    expect(el.querySelector('[role=alertdialog]')?.textContent).toContain('Restart nginx?');

    el.querySelector<HTMLButtonElement>('[data-testid=confirm]')!.click();
    await settle(fixture);
    const req = http.expectOne('/api/v1/servers/s1/services/nginx/restart');
    expect(req.request.method).toBe('POST');
    req.flush({ status: 'ok' });
    await settle(fixture);
    http.expectOne('/api/v1/servers/s1/services').flush([]); // list refreshed after the restart
    expect(el.querySelector('[role=alertdialog]')).toBeNull();
  });

  it('cancelling the confirmation sends nothing', async () => {
    const { fixture, el, http } = await setup(true);
    el.querySelector<HTMLButtonElement>('[aria-label="Restart cron"]')!.click();
    await settle(fixture);
    [...el.querySelectorAll<HTMLButtonElement>('[role=alertdialog] button')]
      .find((b) => b.textContent?.includes('Cancel'))!
      .click();
    await settle(fixture);
    http.expectNone('/api/v1/servers/s1/services/cron/restart');
    expect(el.querySelector('[role=alertdialog]')).toBeNull();
  });

  /** The tab of a server whose service list failed with this hub error. */
  async function failed(serverId: string, body: object, status: number, statusText: string) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(ServicesTab);
    fixture.componentRef.setInput('serverId', serverId);
    await settle(fixture);
    TestBed.inject(HttpTestingController)
      .expectOne(`/api/v1/servers/${serverId}/services`)
      .flush(body, { status, statusText });
    await settle(fixture);
    return fixture.nativeElement as HTMLElement;
  }

  it('explains an agent timeout', async () => {
    const el = await failed('s2', { message: 'timeout' }, 504, 'Gateway Timeout');
    expect(el.textContent).toContain('did not answer in time');
  });

  it('shows a calm state, without a retry, when the host does not run systemd', async () => {
    const el = await failed(
      's3',
      {
        statusCode: 502,
        error: 'Bad Gateway',
        message: 'systemd is not available on this host',
        code: 'systemd-unavailable',
      },
      502,
      'Bad Gateway',
    );
    expect(el.querySelector('[data-testid=no-systemd]')?.textContent).toContain(
      'systemd is not running on this host',
    );
    expect(el.querySelector('[role=alert]')).toBeNull();
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Try again'))).toBe(false);
  });

  it('reads the code, not the message text: the hub maps older agents to the code', async () => {
    const body = { statusCode: 502, error: 'Bad Gateway', message: 'systemd is not available on this host' };
    const el = await failed('s5', body, 502, 'Bad Gateway');
    expect(el.querySelector('[data-testid=no-systemd]')).toBeNull();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('systemd is not available on this host');
  });

  it('still offers a retry for other agent failures', async () => {
    const el = await failed('s4', { statusCode: 502, message: 'Failed to list units' }, 502, 'Bad Gateway');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Failed to list units');
    expect(el.querySelector('[data-testid=no-systemd]')).toBeNull();
  });
});
