import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DeferBlockBehavior, TestBed } from '@angular/core/testing';
import type { ServerContainers } from '@hivewatch/protocol';
import { AuthService } from '../../core/auth.service';
import { LiveStreamService } from '../../core/live-stream.service';
import { containerView } from '../../docker/container-fixture';
import { DockerTab } from './docker-tab';
import { DOCKER_CONFIG_SNIPPET } from './docker-snippet';

const SERVER = '00000000-0000-4000-8000-000000000001';
const LIST = `/api/v1/servers/${SERVER}/containers`;

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

async function setup(opts: { capabilities: string[]; list: ServerContainers; admin?: boolean }) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting()],
    // the charts load on viewport (no IntersectionObserver here); they have their own checks
    deferBlockBehavior: DeferBlockBehavior.Manual,
  });
  const http = TestBed.inject(HttpTestingController);
  const me = TestBed.inject(AuthService).ensureLoaded();
  http.expectOne('/api/v1/auth/me').flush({
    user: { id: 'a', username: 'admin', role: opts.admin === false ? 'user' : 'admin' },
    via: 'session',
    scope: 'admin',
    secondFactor: false,
    mustEnrollSecondFactor: false,
    steppedUpUntil: null,
  });
  await me;
  const fixture = TestBed.createComponent(DockerTab);
  fixture.componentRef.setInput('serverId', SERVER);
  fixture.componentRef.setInput('serverName', 'host-1');
  fixture.componentRef.setInput('capabilities', opts.capabilities);
  await settle(fixture);
  http.expectOne(LIST).flush(opts.list);
  await settle(fixture);
  return { fixture, http, el: fixture.nativeElement as HTMLElement };
}

const web = containerView({ name: 'web', image: 'nginx:1.27', health: 'unhealthy' });
const db = containerView({ name: 'db', image: 'postgres:16', state: 'exited', exitCode: 1 });
const listed = (containers = [web, db]): ServerContainers => ({
  available: true,
  error: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  containers,
});

describe('DockerTab', () => {
  it('shows how to turn Docker on when the host does not enable it', async () => {
    const { el } = await setup({
      capabilities: [],
      list: { available: null, error: null, updatedAt: null, containers: [] },
    });
    expect(el.querySelector('[data-testid=docker-not-enabled]')?.textContent).toContain(
      DOCKER_CONFIG_SNIPPET,
    );
  });

  it('says when the engine cannot be reached, and when there are no containers', async () => {
    const { el } = await setup({
      capabilities: ['docker'],
      list: {
        available: false,
        error: 'connect ENOENT /var/run/docker.sock',
        updatedAt: null,
        containers: [],
      },
    });
    expect(el.querySelector('[data-testid=docker-unreachable]')?.textContent).toContain('ENOENT');
    expect(el.querySelector('[data-testid=docker-empty]')).not.toBeNull();
  });

  it('lists containers with state colours, filters them and follows live frames', async () => {
    const { fixture, el } = await setup({ capabilities: ['docker'], list: listed() });
    const names = () =>
      [...el.querySelectorAll('tr[data-container]')].map((r) => r.getAttribute('data-container'));
    expect(names()).toEqual(['web', 'db']);
    expect(el.querySelector('[data-container=db] [data-testid=container-state]')?.className).toContain('bad');
    expect(el.querySelector('[data-testid=docker-counts]')?.textContent?.replace(/\s+/g, ' ')).toContain(
      '1 running of 2',
    );
    expect(el.querySelector('[data-testid=docker-unhealthy]')?.textContent).toContain('1 unhealthy');

    const input = el.querySelector<HTMLInputElement>('[data-testid=docker-filter]')!;
    input.value = 'postgres';
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(names()).toEqual(['db']);
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await settle(fixture);

    const { serverId: _a, serverName: _b, firstSeenAt: _c, lastSeenAt: _d, removedAt: _e, ...snap } = web;
    TestBed.inject(LiveStreamService).apply({
      type: 'docker_update',
      serverId: SERVER,
      containers: [{ ...snap, cpuPercent: 42.5 }],
      at: '2026-01-01T00:01:00.000Z',
    });
    await settle(fixture);
    expect(el.querySelector('[data-container=web] [data-metric=cpu]')?.textContent).toContain('42.5 %');
    // db is no longer listed: removed, hidden unless asked for
    expect(names()).toEqual(['web']);
  });

  it('opens the drawer on a row, asks before an action and names the result', async () => {
    const { fixture, el, http } = await setup({ capabilities: ['docker', 'docker-actions'], list: listed() });
    el.querySelector<HTMLElement>('tr[data-container=web]')!.click();
    await settle(fixture);
    expect(el.querySelector('[data-testid=drawer-title]')?.textContent).toContain('web');
    el.querySelector<HTMLButtonElement>('[data-testid=action-restart]')!.click();
    await settle(fixture);
    http.expectNone(`${LIST}/${web.id}/actions`);
    el.querySelector<HTMLButtonElement>('[data-testid=confirm]')!.click();
    await settle(fixture);
    const req = http.expectOne(`${LIST}/${web.id}/actions`);
    expect(req.request.body).toEqual({ action: 'restart' });
    req.flush({ ok: true, action: 'restart', message: null });
    await settle(fixture);
    expect(el.querySelector('[data-testid=action-result]')?.textContent).toContain('Restart: done for web.');
  });

  it('removes only once the name is typed', async () => {
    const { fixture, el, http } = await setup({ capabilities: ['docker', 'docker-actions'], list: listed() });
    el.querySelector<HTMLElement>('tr[data-container=web]')!.click();
    await settle(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid=action-remove]')!.click();
    await settle(fixture);
    const confirm = el.querySelector<HTMLButtonElement>('[data-testid=confirm]')!;
    expect(confirm.disabled).toBe(true);
    const name = el.querySelector<HTMLInputElement>('[data-testid=confirm-name]')!;
    name.value = 'web';
    name.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(confirm.disabled).toBe(false);
    confirm.click();
    await settle(fixture);
    http
      .expectOne(`${LIST}/${web.id}/actions`)
      .flush({ message: 'No such container' }, { status: 502, statusText: 'Bad Gateway' });
    await settle(fixture);
    expect(el.querySelector('[data-testid=action-result]')?.textContent).toContain('No such container');
  });

  it('shows no actions to a user', async () => {
    const { fixture, el } = await setup({
      capabilities: ['docker', 'docker-actions'],
      list: listed(),
      admin: false,
    });
    el.querySelector<HTMLElement>('tr[data-container=web]')!.click();
    await settle(fixture);
    expect(el.querySelector('[data-testid=action-stop]')).toBeNull();
    expect(el.querySelector('[data-testid=pane-inspect]')).toBeNull();
    expect(el.querySelector('[data-testid=pane-logs]')).toBeNull();
  });
});
